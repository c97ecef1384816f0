package io.musicspeech.model;

/**
 * One training epoch. Train loss is the mean of the minibatch losses during the epoch (with the
 * L2 term, as Keras reports it); train accuracy is measured after the epoch on a fixed sample of
 * training windows; validation figures are over the whole validation set (NaN without one).
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds) {
}
