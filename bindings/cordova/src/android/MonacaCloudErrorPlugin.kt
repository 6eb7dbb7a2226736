package dev.cloudrpc.monaca.cordova

import android.util.Base64
import dev.cloudrpc.monaca.MonacaCloudError
import org.apache.cordova.CallbackContext
import org.apache.cordova.CordovaPlugin
import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject

/**
 * The Android side of the Cordova plugin (feature `MonacaCloudError`, see plugin.xml); the
 * JavaScript side is www/monaca-cloud-error.js.
 *
 * Actions:
 * - `parseResponse [status: int, bodyBase64: string]` answers `[json, detail]`: the library's
 *   JSON form of the error (or null for a success response) and the detail of a client error
 *   (or null).
 * - `describe [code: number]` answers `{code, kind, name, description}` from the catalogue.
 * A bad argument or a native library that cannot be used goes to the error callback with a message.
 *
 * Threading: Cordova calls [execute] on its bridge thread. Arguments are read there (cheap),
 * and the parse itself, which can be large, runs on `cordova.threadPool`, never on the UI
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
        val error = MonacaCloudError.fromResponse(status, body)
        val reply = JSONArray()
            .put(error?.toJson() ?: JSONObject.NULL)
            .put(error?.detail ?: JSONObject.NULL)
        callbackContext.success(reply)
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
