package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process {@link FaceGalleryKillTest} kills: enrols synthetic descriptors into the gallery at args[0]
 * until it is killed, saying "writing" before its first write and "stored" after each enrolment returns.
 * Usage: GalleryEnroller GALLERY ROUND
 */
public final class GalleryEnroller {
    private GalleryEnroller() {
    }

    public static void main(String[] args) throws Exception {
        FaceGallery g = new FaceGallery(Path.of(args[0]));
        int round = Integer.parseInt(args[1]);
        Random r = new Random(round);
        BufferedImage thumb = new BufferedImage(150, 150, BufferedImage.TYPE_INT_RGB);
        g.repairs();
        System.out.println("writing");
        System.out.flush();
        for (int i = 0; ; i++) {
            // a new person every third time (a kill then may cut an enrolment of someone new), else two old ones
            String name = i % 3 == 0 ? "Round " + (char) ('a' + round) + " nr " + (char) ('a' + i / 3 % 26) + (i / 78)
                    : i % 3 == 1 ? "Ada" : "Bob";
            for (int y = 0; y < 150; y++) for (int x = 0; x < 150; x++) thumb.setRGB(x, y, r.nextInt());
            g.enroll(name, FaceGalleryRepairTest.vector(r.nextLong()), thumb);
            System.out.println("stored");
            System.out.flush();
        }
    }
}
