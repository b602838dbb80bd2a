package dev.latentstudio.app.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The booth's labels stay inside the canvas and clear of one another and of the neighbouring faces. */
class TagLayoutTest {
    @Test
    void labelsAtTheRightEdgeAndOfNeighbouringFacesKeepInsideAndApart() {
        double w = 640, h = 480;
        // two faces side by side near the right edge, each with a name above and a long attribute line below
        List<TagLayout.Box> faces = List.of(new TagLayout.Box(430, 150, 90, 110, 0), new TagLayout.Box(535, 150, 90, 110, 1));
        List<TagLayout.Tag> wanted = List.of(
                new TagLayout.Tag(new TagLayout.Box(429, 130, 120, 18, 0), true),
                new TagLayout.Tag(new TagLayout.Box(429, 262, 210, 18, 0), false),
                new TagLayout.Tag(new TagLayout.Box(534, 130, 120, 18, 1), true),
                new TagLayout.Tag(new TagLayout.Box(534, 262, 210, 18, 1), false));
        List<TagLayout.Box> placed = TagLayout.place(wanted, faces, w, h);
        assertEquals(4, placed.size());
        for (int i = 0; i < placed.size(); i++) {
            TagLayout.Box b = placed.get(i);
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.w() <= w && b.y() + b.h() <= h, "inside: " + b);
            for (int j = 0; j < i; j++) assertFalse(b.overlaps(placed.get(j)), b + " covers " + placed.get(j));
            for (TagLayout.Box f : faces) if (f.face() != b.face()) assertFalse(b.overlaps(f), b + " covers the face " + f);
            assertEquals(wanted.get(i).at().w(), b.w(), "a label keeps its size");
        }
        assertTrue(placed.get(0).y() + placed.get(0).h() <= faces.get(0).y(), "a name stays above its face");
    }

    @Test
    void aLabelWithRoomStaysWhereItWasWanted() {
        TagLayout.Box face = new TagLayout.Box(100, 100, 80, 80, 0);
        TagLayout.Box want = new TagLayout.Box(99, 80, 70, 18, 0);
        assertEquals(want, TagLayout.place(List.of(new TagLayout.Tag(want, true)), List.of(face), 640, 480).get(0));
    }
}
