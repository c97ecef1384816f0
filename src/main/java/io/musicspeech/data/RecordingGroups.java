package io.musicspeech.data;

import io.musicspeech.UserError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Names the recording a clip comes from, so that all clips of one recording land on the same
 * side of a split. The pattern's named group {@code group} is the recording; a name the
 * pattern does not match is its own recording. With the default pattern a trailing run of
 * digits and an optional letter after them is dropped: teachers2 -> teachers, nj105a -> nj.
 */
public final class RecordingGroups {
    private final Pattern pattern;

    public RecordingGroups(String regex) {
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UserError("preprocess.group_pattern is not a valid regular expression: " + e.getDescription());
        }
        if (!regex.contains("(?<group>")) {
            throw new UserError("preprocess.group_pattern must contain a named group (?<group>...), got '" + regex + "'");
        }
    }

    /** The recording of a clip, from its file name without extension. */
    public String groupOf(String clipName) {
        Matcher matcher = pattern.matcher(clipName);
        if (matcher.matches() && matcher.group("group") != null && !matcher.group("group").isEmpty()) {
            return matcher.group("group");
        }
        return clipName;
    }
}
