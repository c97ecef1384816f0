package io.musicspeech.cli;

import io.musicspeech.UserError;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The segment job on Apache Spark. Spark is not on the default build's classpath (listen, segment,
 * serve and the notebooks never load it): the job lives in {@code src/spark/java}, compiled only with
 * {@code -Pspark}, and is reached here by name.
 */
final class SparkStage implements Stage {
    static final String JOB = "io.musicspeech.spark.SparkSegmentJob";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String summary() {
        return "the segment job on Apache Spark over spark.input (needs -Pspark); tables segments, summary, errors in spark.out";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Method run;
        try {
            run = Class.forName(JOB).getMethod("run", StageContext.class);
        } catch (ClassNotFoundException e) {
            throw new UserError("the spark stage is built only with the spark profile: mvn -Pspark compile exec:java "
                    + "-Dexec.args=\"spark.input=PATH spark.out=DIR\"");
        }
        try {
            run.invoke(null, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
