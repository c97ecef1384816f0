package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.config.Config;
import io.musicspeech.config.ServeConfig;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.serve.Service;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The service: uploads segmented by the segment stage's code, WebSocket streams through listen's
 * live chain, the page, health and metrics, on {@code serve.host:serve.port} until Ctrl-C.
 */
final class ServeStage implements Stage {
    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "HTTP + WebSocket service and a browser page on serve.host:serve.port (POST /v1/segments, /v1/stream, /)";
    }

    @Override
    public boolean writesRunFolder() {
        return false;
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        ServeConfig serve = config.serve();
        PrintStream console = context.out();
        ModelLocator.Choice model = ModelLocator.locate(serve.model(), "serve.model", config.models());
        console.println("model: " + model);
        NativeSetup.ensure();
        Service service = Service.create(config, model, console);
        try {
            service.start();
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on " + serve.host() + ":" + serve.port() + " (" + rootMessage(e)
                    + "); is another server using the port? Set serve.port");
        }
        String host = serve.host().contains(":") ? "[" + serve.host() + "]" : serve.host();
        console.println("serving on http://" + host + ":" + service.port() + "/  (POST /v1/segments, WebSocket /v1/stream, "
                + "/health, /metrics" + (serve.token() != null ? "; a bearer token is required" : "") + "); Ctrl-C stops");
        if (!serve.host().startsWith("127.") && !serve.host().equals("localhost") && serve.token() == null) {
            console.println("warning: serve.host=" + serve.host() + " is reachable from other machines and serve.token is not set");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
