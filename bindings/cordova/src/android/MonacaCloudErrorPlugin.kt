package dev.cloudrpc.monaca.cordova

import android.util.Base64
import dev.cloudrpc.monaca.MonacaArgumentException
import dev.cloudrpc.monaca.MonacaCloudCredentials
import dev.cloudrpc.monaca.MonacaCloudError
import dev.cloudrpc.monaca.MonacaCloudRequest
import dev.cloudrpc.monaca.MonacaCloudResponse
import org.apache.cordova.CallbackContext
import org.apache.cordova.CordovaPlugin
import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject

/**
 * The Android side of the Cordova plugin (feature `MonacaCloudError`, see plugin.xml); the
 * JavaScript side is www/monaca-cloud-error.js, which builds its objects from the reports the
 * library writes ([MonacaCloudResponse.reportJson], [MonacaCloudError.reportJson]).
 *
 * Actions:
 * - `readResponse [method: string | null, status: int, body: bytes, sessionHeader: string | null]`
 *   answers the response report, `{"session":..,"endsSession":..,"loginToken":..,"result":..}`
 *   or `{..,"error":..}` (`method` is the called method, on which `endsSession` depends; null
 *   when unknown). JavaScript sends the body as an ArrayBuffer, which cordova-android's bridge
 *   carries as base64 text.
 * - `requestBody [method, paramsJson | null, apiKey, deviceId, session | null]` answers the body
 *   text (its id is always `"1"`); `backendUrl [backendId]` answers the URL; `checkUrl [url]`
 *   answers the text `OK` for an endpoint the library accepts.
 * - `create [code: number, message: string, dataJson: string | null]` answers the error's report.
 * - `timeout []` answers the report of the -11 error; `bodyTooLarge [limit: number]` the report
 *   of the -12 error for a body over `limit` bytes.
 * - `describe [code: number]` answers `{code, kind, name, description}` from the catalogue.
 * Input that the library refuses (create, requestBody, backendUrl, checkUrl) goes to the error
 * callback as `{argument, reason, offset, line, column, explanation}` ([MonacaArgumentException]),
 * the argument by its JavaScript name. Bad arguments or a native library that cannot be used go
 * to the error callback as a message.
 *
 * Threading: Cordova calls [execute] on its bridge thread. Arguments are read there (cheap),
 * and the library call, which can be large, runs on `cordova.threadPool`, never on the UI
 * thread. The wrapper's objects are immutable and its native calls are thread-safe, so
 * concurrent calls need no locking. CallbackContext may be completed from any thread.
 */
class MonacaCloudErrorPlugin : CordovaPlugin() {

    override fun execute(action: String, args: JSONArray, callbackContext: CallbackContext): Boolean {
        val work: () -> Unit = try {
            when (action) {
                "readResponse" -> {
                    val method = optionalString(args, 0)
                    val status = args.getInt(1)
                    val bodyBase64 = args.getString(2)
                    val sessionHeader = optionalString(args, 3)
                    ({ readResponse(method, status, bodyBase64, sessionHeader, callbackContext) })
                }
                "requestBody" -> {
                    val method = args.getString(0)
                    val paramsJson = optionalString(args, 1)
                    val credentials = MonacaCloudCredentials(args.getString(2), args.getString(3), optionalString(args, 4))
                    ({ refusable(callbackContext) { MonacaCloudRequest.body(method, paramsJson, credentials) } })
                }
                "checkUrl" -> {
                    val url = args.getString(0)
                    ({ refusable(callbackContext) { MonacaCloudRequest.checkUrl(url); "OK" } })
                }
                "backendUrl" -> {
                    val backendId = args.getString(0)
                    ({ refusable(callbackContext) { MonacaCloudRequest.url(backendId) } })
                }
                "create" -> {
                    val code = args.getLong(0)
                    val message = args.getString(1)
                    val dataJson = optionalString(args, 2)
                    ({ refusable(callbackContext) { MonacaCloudError.create(code, message, dataJson).reportJson } })
                }
                "timeout" -> ({ callbackContext.success(MonacaCloudError.timeout().reportJson) })
                "bodyTooLarge" -> {
                    // A JavaScript number: a whole number from 0 to 2^53 (beyond, a double is not exact).
                    val number = args.getDouble(0)
                    if (!(number >= 0.0 && number <= MAX_EXACT && number == Math.floor(number))) {
                        callbackContext.error("bad arguments for bodyTooLarge: expected [limit (a whole number of bytes, 0 or more)]")
                        return true
                    }
                    val limit = number.toLong()
                    ({ callbackContext.success(MonacaCloudError.bodyTooLarge(limit).reportJson) })
                }
                "describe" -> {
                    val code = args.getLong(0)
                    ({ describe(code, callbackContext) })
                }
                else -> return false // Cordova reports INVALID_ACTION to JavaScript
            }
        } catch (e: JSONException) {
            callbackContext.error("bad arguments for $action: ${e.message}")
            return true
        }
        cordova.threadPool.execute {
            try {
                work()
            } catch (e: LinkageError) {
                // The JNI library is missing, is for another ABI, or has another C ABI version;
                // the wrapper's message says which.
                callbackContext.error(e.message ?: e.toString())
            } catch (e: RuntimeException) {
                callbackContext.error(e.toString())
            }
        }
        return true
    }

    /** JSONArray.getString gives "null" for JavaScript's null: read null as null. */
    private fun optionalString(args: JSONArray, index: Int): String? =
        if (args.isNull(index)) null else args.getString(index)

    private fun readResponse(method: String?, status: Int, bodyBase64: String, sessionHeader: String?,
                             callbackContext: CallbackContext) {
        val body = try {
            Base64.decode(bodyBase64, Base64.DEFAULT) // as CordovaArgs.getArrayBuffer reads it
        } catch (e: IllegalArgumentException) {
            callbackContext.error("the body is not valid base64")
            return
        }
        callbackContext.success(MonacaCloudResponse.fromExchange(method, status, body, sessionHeader).reportJson)
    }

    /** Answers [make]'s text, or the refusal of its input as JavaScript reads it. */
    private fun refusable(callbackContext: CallbackContext, make: () -> String) {
        val text = try {
            make()
        } catch (e: MonacaArgumentException) {
            val refusal = JSONObject()
                .put("argument", JS_NAMES[e.argument] ?: e.argument)
                .put("reason", e.reason)
                .put("offset", e.offset)
                .put("line", e.line)
                .put("column", e.column)
                .put("explanation", e.explanation)
            callbackContext.error(refusal)
            return
        }
        callbackContext.success(text)
    }

    private fun describe(code: Long, callbackContext: CallbackContext) {
        val reply = JSONObject()
            .put("code", code)
            .put("kind", MonacaCloudError.kindOf(code).name)
            .put("name", MonacaCloudError.nameOf(code) ?: JSONObject.NULL)
            .put("description", MonacaCloudError.descriptionOf(code))
        callbackContext.success(reply)
    }

    private companion object {
        /** The Kotlin wrapper's argument names that JavaScript spells otherwise. */
        val JS_NAMES = mapOf("paramsJson" to "params")

        /** 2^53: the largest whole number below which every JavaScript number is exact. */
        const val MAX_EXACT = 9007199254740992.0
    }
}
