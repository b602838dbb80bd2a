package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.image.ImageReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "enroll", mixinStandardHelpOptions = true, description = {"Add a person to the face gallery (faces/ in the data folder: -Dstudio.data, "
        + "$LATENT_STUDIO_DATA or ~/.latent-studio): the largest face of each image becomes one descriptor of NAME.",
        "Images without a face and unreadable files are reported and skipped; it fails only when none had a face. Prints one JSON object.",
        "  ./studio enroll NAME IMG…     ./studio enroll --list     ./studio enroll --remove NAME"})
final class EnrollCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME IMG", description = "The person's name, then their photos.")
    List<String> args = new ArrayList<>();
    @Option(names = "--list", description = "List who is enrolled, with how many descriptors each.")
    boolean list;
    @Option(names = "--remove", paramLabel = "NAME", description = "Remove a person and their descriptors.")
    String remove;

    @Override
    public Integer call() throws Exception {
        FaceGallery gallery = FaceGallery.inUserData();
        for (String r : gallery.repairs()) System.err.println("gallery repair: " + r);
        if (list) return list(gallery);
        if (remove != null) return remove(gallery);
        if (args.size() < 2) throw new IllegalArgumentException("give a name and at least one photo: ./studio enroll NAME IMG…");
        String name = args.get(0);
        FacePipeline pipeline = FaceCli.pipeline(false);
        List<Object> added = new ArrayList<>();
        List<Map<String, String>> skipped = new ArrayList<>();
        List<FacePipeline.Face> faces = new ArrayList<>();
        for (String a : args.subList(1, args.size())) {
            BufferedImage img;
            try {
                img = FaceCli.read(Path.of(a));
            } catch (ImageReading.Unusable e) {
                // the file is the problem, not the face: say so, and go on with the other photos
                System.err.println(FaceCli.unreadable(e));
                skipped.add(Map.of("image", a, "reason", "unreadable: " + e.reason()));
                continue;
            }
            Optional<FacePipeline.Face> f = pipeline.largest(img);
            if (f.isEmpty()) {
                skipped.add(Map.of("image", a, "reason", "no face found"));
                continue;
            }
            faces.add(f.get());
            added.add(Map.of("image", a, "box", FaceCli.box(f.get().report().box())));
        }
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no photo with a face, so " + name + " was not enrolled: " + skipped.stream()
                    .map(s -> s.get("image") + ": " + s.get("reason")).collect(Collectors.joining("; ")));
        }
        // only now that there is something to store: a failed enrolment leaves no empty person behind
        FaceGallery.Person person = null;
        for (FacePipeline.Face f : faces) person = gallery.enroll(name, f.descriptor(), f.aligned());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", person.name());
        out.put("id", person.id());
        out.put("added", added);
        out.put("skipped", skipped);
        out.put("descriptors", person.embeddings().size());
        out.put("gallery", gallery.root().toString());
        FaceCli.print(out);
        return 0;
    }

    private int list(FaceGallery gallery) throws Exception {
        FaceGallery.Contents c = gallery.load();
        List<Object> people = new ArrayList<>();
        for (FaceGallery.Person p : c.people()) {
            people.add(Map.of("name", p.name(), "id", p.id(), "descriptors", p.embeddings().size()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gallery", gallery.root().toString());
        out.put("people", people);
        out.put("problems", c.problems().stream().map(Object::toString).toList());
        FaceCli.print(out);
        return 0;
    }

    private int remove(FaceGallery gallery) throws Exception {
        FaceGallery.Person p = gallery.find(remove)
                .orElseThrow(() -> new IllegalArgumentException("no one called " + remove + " is enrolled in " + gallery.root()));
        gallery.remove(p.id());
        FaceCli.print(Map.of("removed", p.name(), "id", p.id()));
        return 0;
    }
}
