// expect: Type 'string | null' is not assignable to type 'string'.
import { MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody } from 'cordova-plugin-monaca-cloud-error';
declare const e: MonacaCloudError;
export async function misuse(): Promise<void> {
    const codeName: string = e.codeName; void codeName;
}
void [MonacaCloudError, MonacaCloudClient, MonacaArgumentError, readResponse, parseResponse, requestBody, e];
