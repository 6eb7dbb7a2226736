package org.apache.cordova;

import org.json.JSONArray;
import org.json.JSONException;

/** Stub: the members of cordova-android's CordovaPlugin that the plugin uses. */
public class CordovaPlugin {
    public CordovaInterface cordova;

    public boolean execute(String action, JSONArray args, CallbackContext callbackContext) throws JSONException {
        return false;
    }
}
