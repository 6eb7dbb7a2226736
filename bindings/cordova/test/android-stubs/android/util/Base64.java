package android.util;

/** Stub: the members of android.util.Base64 that the plugin uses. */
public class Base64 {
    public static final int DEFAULT = 0;
    public static final int NO_WRAP = 2;
    public static byte[] decode(String str, int flags) { throw new IllegalArgumentException("stub"); }
}
