package org.json;

/** Stub: the members of Android's org.json.JSONArray that the plugin uses. */
public class JSONArray {
    public boolean isNull(int index) { return true; }
    public int getInt(int index) throws JSONException { throw new JSONException("stub"); }
    public long getLong(int index) throws JSONException { throw new JSONException("stub"); }
    public double getDouble(int index) throws JSONException { throw new JSONException("stub"); }
    public String getString(int index) throws JSONException { throw new JSONException("stub"); }
}
