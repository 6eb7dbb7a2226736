// expect: Argument of type '{ apiKey: string; }' is not assignable to parameter of type 'MonacaCredentials'.
import { MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody } from 'cordova-plugin-monaca-cloud-error';
declare const e: MonacaCloudError;
export async function misuse(): Promise<void> {
    await requestBody('Echo', {}, { apiKey: 'k' });
}
void [MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody, e];
