package dev.cloudrpc.monaca.cordova

import android.util.Base64
import dev.cloudrpc.monaca.MonacaArgumentException
import dev.cloudrpc.monaca.MonacaCloudError
import org.apache.cordova.CallbackContext
import org.apache.cordova.CordovaPlugin
import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject

/**
 * The Android side of the Cordova plugin (feature `MonacaCloudError`, see plugin.xml); the
 * JavaScript side is www/monaca-cloud-error.js, which builds its objects from the report (the
 * library's every-field JSON text, [MonacaCloudError.reportJson]).
 *
 * Actions:
 * - `parseResponse [status: int, bodyBase64: string]` answers the report of the error, or null
 *   for a success response.
 * - `create [code: number, message: string, dataJson: string | null]` answers the report; input
 *   the library refuses goes to the error callback as
 *   `{argument, reason, offset, line, column, explanation}` ([MonacaArgumentException]).
 * - `timeout []` answers the report of the -11 error.
 * - `describe [code: number]` answers `{code, kind, name, description}` from the catalogue.
 * Bad arguments or a native library that cannot be used go to the error callback as a message.
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
                "parseResponse" -> {
                    val status = args.getInt(0)
                    val bodyBase64 = args.getString(1)
                    ({ parseResponse(status, bodyBase64, callbackContext) })
                }
                "create" -> {
                    val code = args.getLong(0)
                    val message = args.getString(1)
                    val dataJson = if (args.isNull(2)) null else args.getString(2)
                    ({ create(code, message, dataJson, callbackContext) })
                }
                "timeout" -> ({ callbackContext.success(MonacaCloudError.timeout().reportJson) })
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

    private fun parseResponse(status: Int, bodyBase64: String, callbackContext: CallbackContext) {
        val body = try {
            Base64.decode(bodyBase64, Base64.NO_WRAP)
        } catch (e: IllegalArgumentException) {
            callbackContext.error("bodyBase64 is not valid base64")
            return
        }
        // A null message reaches JavaScript as null: a success response.
        callbackContext.success(MonacaCloudError.fromResponse(status, body)?.reportJson)
    }

    private fun create(code: Long, message: String, dataJson: String?, callbackContext: CallbackContext) {
        val error = try {
            MonacaCloudError.create(code, message, dataJson)
        } catch (e: MonacaArgumentException) {
            val refusal = JSONObject()
                .put("argument", e.argument)
                .put("reason", e.reason)
                .put("offset", e.offset)
                .put("line", e.line)
                .put("column", e.column)
                .put("explanation", e.explanation)
            callbackContext.error(refusal)
            return
        }
        callbackContext.success(error.reportJson)
    }

    private fun describe(code: Long, callbackContext: CallbackContext) {
        val reply = JSONObject()
            .put("code", code)
            .put("kind", MonacaCloudError.kindOf(code).name)
            .put("name", MonacaCloudError.nameOf(code) ?: JSONObject.NULL)
            .put("description", MonacaCloudError.descriptionOf(code))
        callbackContext.success(reply)
    }
}
