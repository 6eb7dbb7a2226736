package org.json;

/** Stub: Android's org.json.JSONException (a checked exception there too). */
public class JSONException extends Exception {
    public JSONException(String message) { super(message); }
}
