package io.musicspeech.data;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordingGroupsTest {
    private static final String DEFAULT = "(?<group>.+?)\\d+[A-Za-z]?";

    @Test
    void trailingDigitsAndOneLetterAreDropped() {
        RecordingGroups groups = new RecordingGroups(DEFAULT);
        assertEquals("teachers", groups.groupOf("teachers"));
        assertEquals("teachers", groups.groupOf("teachers1"));
        assertEquals("teachers", groups.groupOf("teachers2"));
        assertEquals("news", groups.groupOf("news1"));
        assertEquals("nj", groups.groupOf("nj105"));
        assertEquals("nj", groups.groupOf("nj105a"));
        assertEquals("my_voice", groups.groupOf("my_voice"));
        assertEquals("smoking", groups.groupOf("smoking"));
    }

    @Test
    void patternIsConfigurable() {
        RecordingGroups byPrefix = new RecordingGroups("(?<group>[^_]+)_.*");
        assertEquals("bbc", byPrefix.groupOf("bbc_news_01"));
        assertEquals("solo", byPrefix.groupOf("solo"));
    }

    @Test
    void badPatternsAreUserErrors() {
        assertThrows(UserError.class, () -> new RecordingGroups("(?<group>[a-z"));
        assertEquals("preprocess.group_pattern must contain a named group (?<group>...), got '(.+)\\d+'",
                assertThrows(UserError.class, () -> new RecordingGroups("(.+)\\d+")).getMessage());
    }
}
