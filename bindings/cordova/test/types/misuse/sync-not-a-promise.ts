// expect: error TS2339: Property 'then' does not exist on type 'MonacaResponse<unknown>'.
import { readResponseSync } from 'cordova-plugin-monaca-cloud-error';

// readResponseSync answers at once: there is no Promise to wait for.
readResponseSync(null, 200, '{"result":1}').then(() => undefined);
