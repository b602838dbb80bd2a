package dev.latentstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enroll --list and recognize say on stderr what opening the gallery repaired (no face networks needed). */
class GalleryRepairCliTest {
    @TempDir
    Path data;
    private String savedData;

    @BeforeEach
    void useTempData() {
        savedData = System.getProperty("studio.data");
        System.setProperty("studio.data", data.toString());
    }

    @AfterEach
    void restoreData() {
        if (savedData == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedData);
    }

    @Test
    void listReportsTheRepairOnceAndNoLongerAProblem() throws Exception {
        Path dave = Files.createDirectories(data.resolve("faces/dave"));
        Files.writeString(dave.resolve("person.json.tmp"), "{\"name\": \"Da");
        String out = CliTest.run(0, "enroll", "--list");
        assertTrue(out.contains("gallery repair: dave/person.json.tmp: rolled back (incomplete or invalid)"), out);
        List<String> json = out.lines().filter(l -> l.startsWith("{")).toList();
        JsonObject o = JsonParser.parseString(json.get(json.size() - 1)).getAsJsonObject();
        assertEquals(0, o.getAsJsonArray("problems").size(), out);
        assertEquals(0, o.getAsJsonArray("people").size(), out);
        assertFalse(Files.exists(dave));
        assertFalse(CliTest.run(0, "enroll", "--list").contains("gallery repair"), "nothing left to repair");
    }

    @Test
    void recognizeReportsTheRepairBeforeItsOwnError() throws Exception {
        Path erin = Files.createDirectories(data.resolve("faces/erin"));
        Files.writeString(erin.resolve("person.json"), "{\"name\": \"Erin\"}");
        String out = CliTest.run(2, "recognize", "assets/faces/sample1.jpg");
        assertTrue(out.contains("gallery repair: erin: removed Erin, who had no descriptor"), out);
        assertTrue(out.contains("nobody is enrolled"), out);
    }
}
