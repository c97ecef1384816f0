package io.musicspeech.model.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network read once into plain Java: its input shape (a height x width x channels map, or a
 * vector of height x width values) and its layers with their parameters and shapes. The pure-Java inference ({@link ForwardPass}) and the plain-Java trainer both work from
 * this, so a new layer type is read in one place ({@link Dl4jNetworks}) and only its arithmetic is
 * added where it runs.
 */
public record NetworkDescription(int height, int width, int channels, boolean vectorInput, List<Layer> layers) {

    public NetworkDescription {
        layers = List.copyOf(layers);
    }

    /** Values the network ends with (1 for a logit). */
    public int outputs() {
        Layer last = layers.get(layers.size() - 1);
        return last instanceof Layer.Dense d ? d.outputs() : -1;
    }

    /** The layers up to and including {@code lastIndex} (a DL4J layer index): an encoder cut from a classifier. */
    public NetworkDescription upTo(int lastIndex) {
        List<Layer> kept = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.index() <= lastIndex) {
                kept.add(layer);
            }
        }
        return new NetworkDescription(height, width, channels, vectorInput, kept);
    }

    /** The last hidden dense layer: the layer whose output a temporal head reads as a window's embedding. */
    public Layer.Dense lastHidden() {
        Layer.Dense found = null;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i) instanceof Layer.Dense d) {
                found = d;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("the network has no hidden dense layer to take embeddings from");
        }
        return found;
    }

    /** One line per layer, for messages and tests. */
    public String summary() {
        List<String> lines = new ArrayList<>();
        for (Layer layer : layers) {
            lines.add(describe(layer));
        }
        return String.join(" -> ", lines);
    }

    /** One layer as the plans and messages show it. */
    public static String describe(Layer layer) {
        if (layer instanceof Layer.Conv c) {
            return String.format(Locale.ROOT, "conv %dx%d/%d %s %dx%dx%d->%dx%dx%d%s", c.rows().kernel(), c.cols().kernel(),
                    c.rows().stride(), c.mode(), c.rows().in(), c.cols().in(), c.inChannels(), c.rows().out(), c.cols().out(),
                    c.outChannels(), c.activation() == Layer.Activation.RELU ? " relu" : "");
        }
        if (layer instanceof Layer.BatchNorm) {
            return "bn";
        }
        if (layer instanceof Layer.MaxPool p) {
            return String.format(Locale.ROOT, "maxpool %dx%d/%d %s ->%dx%dx%d", p.rows().kernel(), p.cols().kernel(),
                    p.rows().stride(), p.mode(), p.rows().out(), p.cols().out(), p.channels());
        }
        if (layer instanceof Layer.Flatten) {
            return "flatten";
        }
        if (layer instanceof Layer.Dense d) {
            return String.format(Locale.ROOT, "dense %d->%d%s", d.inputs(), d.outputs(),
                    d.activation() == Layer.Activation.RELU ? " relu" : "");
        }
        return "dropout (identity)";
    }
}
