package org.apache.cordova;

import org.json.JSONArray;
import org.json.JSONObject;

/** Stub: cordova-android's CallbackContext result methods. */
public class CallbackContext {
    public void success(JSONObject message) {}
    public void success(JSONArray message) {}
    public void success(String message) {}
    public void error(JSONObject message) {}
    public void error(String message) {}
}
