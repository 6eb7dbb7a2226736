package org.json;

/** Stub: the members of Android's org.json.JSONObject that the plugin uses. */
public class JSONObject {
    public static final Object NULL = new Object();
    public JSONObject put(String name, Object value) throws JSONException { return this; }
    public JSONObject put(String name, int value) throws JSONException { return this; }
    public JSONObject put(String name, long value) throws JSONException { return this; }
}
