package io.musicspeech;

/**
 * Libraries that log every step at INFO (ND4J, Spark) are turned down to warnings through
 * slf4j-simple's system properties, unless the user set a level for them. It takes effect for the
 * loggers made after it, so it runs before the library starts.
 */
public final class QuietLoggers {
    private QuietLoggers() {
    }

    public static void warningsOnly(String... loggerPrefixes) {
        for (String logger : loggerPrefixes) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
