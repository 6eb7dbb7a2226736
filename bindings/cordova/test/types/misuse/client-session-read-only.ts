// expect: Cannot assign to 'currentSession' because it is a read-only property.
import { MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody } from 'cordova-plugin-monaca-cloud-error';
declare const e: MonacaCloudError;
export async function misuse(): Promise<void> {
    new MonacaCloudClient({ backendId: 'b', apiKey: 'k', deviceId: 'd' }).currentSession = 's';
}
void [MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody, e];
