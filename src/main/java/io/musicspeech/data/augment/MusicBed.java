package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * Music under speech: a speech clip gets an excerpt of a training music clip mixed in, at a level
 * relative to the speech drawn from the range (a radio host over a jingle, dialogue over a film
 * score); it is still speech. Music clips pass unchanged. The excerpts come from the
 * {@link AugmentationContext}, cut from the training side only.
 *
 * @param minRelativeDb the quietest bed, in dB relative to the speech's RMS (e.g. -24)
 * @param maxRelativeDb the loudest (e.g. -8)
 */
public record MusicBed(double minRelativeDb, double maxRelativeDb) implements Augmentation {
    public MusicBed {
        Ranges.ordered("MusicBed relative level", minRelativeDb, maxRelativeDb);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        throw new IllegalStateException("MusicBed needs its context (the clip's label and the training music)");
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random, AugmentationContext context) {
        double relativeDb = Ranges.uniform(random, minRelativeDb, maxRelativeDb);
        int pick = context.musicBeds().isEmpty() ? 0 : random.nextInt(context.musicBeds().size());
        long offsetDraw = random.nextLong();
        if (!"speech".equals(context.label()) || context.musicBeds().isEmpty()) {
            return samples.clone();
        }
        float[] bed = context.musicBeds().get(pick);
        int offset = (int) Math.floorMod(offsetDraw, (long) bed.length);
        double speechRms = Reverb.rms(samples);
        double bedRms = Reverb.rms(bed);
        float[] out = samples.clone();
        if (speechRms == 0 || bedRms == 0) {
            return out;
        }
        float gain = (float) (speechRms * Math.pow(10, relativeDb / 20) / bedRms);
        for (int i = 0; i < out.length; i++) {
            out[i] += gain * bed[(offset + i) % bed.length];
        }
        return out;
    }

    @Override
    public boolean needsMusic() {
        return true;
    }
}
