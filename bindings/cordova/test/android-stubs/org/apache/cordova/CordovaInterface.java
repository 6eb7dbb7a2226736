package org.apache.cordova;

import java.util.concurrent.ExecutorService;

/** Stub: the member of cordova-android's CordovaInterface that the plugin uses. */
public interface CordovaInterface {
    ExecutorService getThreadPool();
}
