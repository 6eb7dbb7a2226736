// expect: is not assignable to parameter of type 'MonacaCloudClientOptions'
import { MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody } from 'cordova-plugin-monaca-cloud-error';
declare const e: MonacaCloudError;
export async function misuse(): Promise<void> {
    new MonacaCloudClient({ apiKey: 'k', deviceId: 'd' });
}
void [MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody, e];
