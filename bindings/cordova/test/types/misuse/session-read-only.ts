// expect: Cannot assign to 'session' because it is a read-only property.
import { MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody } from 'cordova-plugin-monaca-cloud-error';
declare const e: MonacaCloudError;
export async function misuse(): Promise<void> {
    e.session = 'x';
}
void [MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody, e];
