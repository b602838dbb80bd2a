package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.image.Images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The people enrolled in the booth, as plain files under the user's data folder (faces/ by default):
 * one folder per person with person.json (the name), embeddings.json (the face descriptors) and
 * thumb-NNNN.png (the aligned crop each descriptor came from, NNNN its index). Every write is atomic;
 * a damaged file is reported by {@link #load()} and never stops the others from loading.
 */
public final class FaceGallery {
    static final String PERSON_FILE = "person.json";
    static final String EMBEDDINGS_FILE = "embeddings.json";
    static final int MAX_NAME = 100;
    /** Prefix of a folder being removed; renamed first so a crash mid-delete never leaves a half person. */
    private static final String REMOVING = ".removing-";
    private static final Pattern THUMB = Pattern.compile("thumb-(\\d{4,})\\.png");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    /** Descriptors one per line would be 128 lines each; compact keeps the file small. */
    private static final Gson COMPACT = new Gson();

    /** One enrolled person; {@code id} is their folder's name. */
    public record Person(String id, String name, List<float[]> embeddings, List<Path> thumbnails) {
        /** The mean of the person's descriptors (what a portrait of them is drawn towards); empty with none. */
        public Optional<float[]> meanEmbedding() {
            if (embeddings.isEmpty()) return Optional.empty();
            float[] mean = new float[embeddings.get(0).length];
            for (float[] e : embeddings) for (int i = 0; i < mean.length; i++) mean[i] += e[i] / embeddings.size();
            return Optional.of(mean);
        }
    }

    /** A file or folder that could not be used, with the reason. */
    public record Problem(Path path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    public record Contents(List<Person> people, List<Problem> problems) {
        /** Each person's embeddings by name, in enrolment order; people without embeddings are left out. */
        public Map<String, List<float[]>> embeddingsByName() {
            Map<String, List<float[]>> m = new LinkedHashMap<>();
            for (Person p : people) if (!p.embeddings().isEmpty()) m.put(p.name(), p.embeddings());
            return m;
        }
    }

    private record PersonFile(String name) {
    }

    private record EmbeddingsFile(Integer dimension, List<float[]> embeddings) {
    }

    private final Path root;

    public FaceGallery(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The gallery in the user's data folder (see {@link StudioPaths#userData()}). */
    public static FaceGallery inUserData() {
        return new FaceGallery(StudioPaths.userData().resolve("faces"));
    }

    public Path root() {
        return root;
    }

    /** Everyone enrolled, by name, and whatever could not be read. A gallery never written to is empty. */
    public synchronized Contents load() throws IOException {
        List<Person> people = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) return new Contents(List.of(), List.of());
        for (Path dir : entries()) {
            String id = dir.getFileName().toString();
            if (id.startsWith(REMOVING)) {
                deleteTree(dir); // a removal that was interrupted: finish it
                continue;
            }
            if (id.startsWith(".") || !Files.isDirectory(dir)) continue;
            try {
                String name = readName(dir);
                people.add(new Person(id, name, readEmbeddings(dir, problems), thumbnails(dir)));
            } catch (Damaged e) {
                problems.add(new Problem(e.file, e.getMessage()));
            }
        }
        people.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
        return new Contents(List.copyOf(people), List.copyOf(problems));
    }

    /** The person with this name (ignoring case) or folder id. */
    public synchronized Optional<Person> find(String nameOrId) throws IOException {
        return load().people().stream()
                .filter(p -> p.id().equals(nameOrId) || p.name().equalsIgnoreCase(nameOrId.strip()))
                .findFirst();
    }

    /** Enrols a new person with no embeddings yet; names are unique, ignoring case. */
    public synchronized Person add(String name) throws IOException {
        String clean = checkName(name);
        for (Path dir : entries()) {
            if (!Files.isDirectory(dir) || dir.getFileName().toString().startsWith(".")) continue;
            try {
                if (readName(dir).equalsIgnoreCase(clean)) {
                    throw new IllegalArgumentException(clean + " is already enrolled (folder " + dir.getFileName() + ")");
                }
            } catch (Damaged ignored) {
                // a damaged entry holds no name to clash with; load() reports it
            }
        }
        String id = freeId(slug(clean));
        Path dir = root.resolve(id);
        Files.createDirectories(dir);
        writeJson(dir.resolve(PERSON_FILE), new PersonFile(clean));
        return new Person(id, clean, List.of(), List.of());
    }

    /** The person called {@code name} (case-insensitive), created if there is none yet. */
    public synchronized Person findOrAdd(String name) throws IOException {
        Optional<Person> p = find(name);
        return p.isPresent() ? p.get() : add(name);
    }

    /**
     * Adds one face descriptor to a person, with the aligned crop it came from (or null for none).
     * All of a person's descriptors must have one length; values must be finite.
     */
    public synchronized Person addEmbedding(String id, float[] embedding, BufferedImage thumbnail) throws IOException {
        Path dir = personDir(id);
        String name;
        List<float[]> current;
        try {
            name = readName(dir);
            List<Problem> problems = new ArrayList<>();
            current = new ArrayList<>(readEmbeddings(dir, problems));
            if (!problems.isEmpty()) {
                throw new IOException("cannot add to " + name + ": " + problems.get(0).reason()
                        + " (remove and enrol them again, or repair the file)");
            }
        } catch (Damaged e) {
            throw new IOException("cannot add to " + id + ": " + e.getMessage(), e);
        }
        checkEmbedding(embedding, current.isEmpty() ? embedding.length : current.get(0).length);
        int index = current.size();
        if (thumbnail != null) Images.writePng(thumbnail, dir.resolve(String.format("thumb-%04d.png", index)));
        current.add(embedding.clone());
        String json = COMPACT.toJson(new EmbeddingsFile(embedding.length, current));
        AtomicFile.write(dir.resolve(EMBEDDINGS_FILE), tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
        return new Person(id, name, List.copyOf(current), thumbnails(dir));
    }

    /** Removes a person and all their files. */
    public synchronized void remove(String id) throws IOException {
        Path dir = personDir(id);
        Path doomed = root.resolve(REMOVING + id + "-" + System.nanoTime());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            doomed = dir;
        }
        deleteTree(doomed);
    }

    private Path personDir(String id) throws IOException {
        if (id == null || id.isEmpty() || id.startsWith(".") || id.contains("/") || id.contains("\\") || id.equals("..")) {
            throw new IllegalArgumentException("not a person id: \"" + id + "\"");
        }
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "no one enrolled as " + id);
        return dir;
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.sorted().toList();
        }
    }

    /** Why one person's file cannot be read. */
    private static final class Damaged extends Exception {
        final Path file;

        Damaged(Path file, String reason) {
            super(reason, null, false, false);
            this.file = file;
        }
    }

    private static String readName(Path dir) throws Damaged {
        Path f = dir.resolve(PERSON_FILE);
        if (!Files.exists(f)) throw new Damaged(dir, "no " + PERSON_FILE + " in this folder, so it is not a gallery entry");
        PersonFile p;
        try {
            p = GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), PersonFile.class);
        } catch (IOException | JsonParseException e) {
            throw new Damaged(f, "unreadable (" + e.getMessage() + ")");
        }
        if (p == null || p.name() == null || p.name().isBlank()) throw new Damaged(f, "has no name");
        return p.name();
    }

    /** The person's valid embeddings; a damaged file or vector is added to {@code problems} and left out. */
    private static List<float[]> readEmbeddings(Path dir, List<Problem> problems) {
        Path f = dir.resolve(EMBEDDINGS_FILE);
        if (!Files.exists(f)) return List.of();
        EmbeddingsFile e;
        try {
            e = GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), EmbeddingsFile.class);
        } catch (IOException | JsonParseException | IllegalStateException ex) {
            problems.add(new Problem(f, "unreadable (" + ex.getMessage() + ")"));
            return List.of();
        }
        if (e == null || e.dimension() == null || e.embeddings() == null) {
            problems.add(new Problem(f, "lacks \"dimension\" or \"embeddings\""));
            return List.of();
        }
        List<float[]> ok = new ArrayList<>();
        for (int i = 0; i < e.embeddings().size(); i++) {
            try {
                checkEmbedding(e.embeddings().get(i), e.dimension());
                ok.add(e.embeddings().get(i));
            } catch (IllegalArgumentException bad) {
                problems.add(new Problem(f, "embedding " + i + " skipped: " + bad.getMessage()));
            }
        }
        return List.copyOf(ok);
    }

    private static void checkEmbedding(float[] v, int dimension) {
        if (v == null || v.length == 0) throw new IllegalArgumentException("empty embedding");
        if (v.length != dimension) {
            throw new IllegalArgumentException("has " + v.length + " values, expected " + dimension);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) throw new IllegalArgumentException("value " + i + " is " + v[i]);
        }
    }

    private static List<Path> thumbnails(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> THUMB.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** The embedding index a thumbnail belongs to, from its name (thumb-0003.png is embedding 3). */
    public static int thumbnailIndex(Path thumbnail) {
        Matcher m = THUMB.matcher(thumbnail.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException("not a gallery thumbnail: " + thumbnail.getFileName());
        return Integer.parseInt(m.group(1));
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a person needs a name");
        String clean = name.strip();
        if (clean.length() > MAX_NAME) {
            throw new IllegalArgumentException("names are at most " + MAX_NAME + " characters, got " + clean.length());
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a name cannot hold control characters (tabs, line breaks)");
        }
        return clean;
    }

    /** A folder name from a person's name: lower-case letters and digits joined by dashes. */
    static String slug(String name) {
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.length() > 40) s = s.substring(0, 40).replaceAll("-+$", "");
        return s.isEmpty() ? "person" : s;
    }

    private String freeId(String base) {
        String id = base;
        for (int n = 2; Files.exists(root.resolve(id)); n++) id = base + "-" + n;
        return id;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        String json = GSON.toJson(value);
        AtomicFile.write(file, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
