package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.image.Images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The people enrolled in the booth, as plain files under the user's data folder (faces/ by default):
 * one folder per person with person.json (the name), embeddings.json (the face descriptors) and
 * thumb-NNNN.png (the aligned crop each descriptor came from, NNNN its index). Every write is atomic;
 * a damaged file is reported by {@link #load()} and never stops the others from loading. Opening the gallery
 * (its first read or write) heals what a killed enrolment or removal left behind; {@link #repairs()} says what.
 */
public final class FaceGallery {
    static final String PERSON_FILE = "person.json";
    static final String EMBEDDINGS_FILE = "embeddings.json";
    static final int MAX_NAME = 100;
    /** Prefix of a folder being removed; renamed first so a crash mid-delete never leaves a half person. */
    private static final String REMOVING = ".removing-";
    /** Locked while the folder changes: the booth and the CLI may share it, and a repair must not take another
     *  process's write in progress for a leftover. */
    static final String LOCK_FILE = ".lock";
    private static final String TMP = ".tmp";
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
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
    /** What opening repaired; null until the gallery is opened. */
    private List<String> repairs;

    public FaceGallery(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The gallery in the user's data folder (see {@link StudioPaths#userData()}). */
    public static FaceGallery inUserData() {
        return new FaceGallery(StudioPaths.userData().resolve("faces"));
    }

    public Path root() {
        return root;
    }

    /**
     * What opening this gallery repaired, one line each (empty when nothing was wrong): a write a kill cut short
     * is completed when its temporary file is whole and valid, else rolled back; people left without any
     * descriptor, thumbnails without their descriptor and half-removed folders are deleted. Damaged files are
     * left alone (see {@link Contents#problems()}), and so are links and anything that is not the gallery's.
     */
    public synchronized List<String> repairs() throws IOException {
        open();
        return repairs;
    }

    /** Everyone enrolled, by name, and whatever could not be read. A gallery never written to is empty. */
    public synchronized Contents load() throws IOException {
        open();
        List<Person> people = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) return new Contents(List.of(), List.of());
        for (Path dir : entries()) {
            String id = dir.getFileName().toString();
            if (id.startsWith(REMOVING)) {
                try (Held ignored = lock()) {
                    deleteTree(dir); // a removal that was interrupted: finish it
                }
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

    /**
     * Enrols a new person with no embeddings yet; names are unique, ignoring case. Someone still without a
     * descriptor when the gallery is next opened is taken for a cut-short enrolment and removed: to enrol,
     * use {@link #enroll}.
     */
    public synchronized Person add(String name) throws IOException {
        String clean = checkName(name);
        open();
        try (Held ignored = lock()) {
            return addLocked(clean);
        }
    }

    private Person addLocked(String clean) throws IOException {
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

    /**
     * Adds one descriptor to the person called {@code name} (ignoring case), enrolling them with it if there is
     * none yet: in one locked step, so no other process ever sees the new person without a descriptor.
     */
    public synchronized Person enroll(String name, float[] embedding, BufferedImage thumbnail) throws IOException {
        String clean = checkName(name);
        open();
        try (Held ignored = lock()) {
            Optional<Person> known = find(clean);
            if (known.isPresent()) return addEmbedding(known.get().id(), embedding, thumbnail);
            checkEmbedding(embedding, embedding == null ? 0 : embedding.length); // before the folder exists
            Person p = addLocked(clean);
            try {
                return addEmbedding(p.id(), embedding, thumbnail);
            } catch (IOException | RuntimeException e) {
                try {
                    delete(root.resolve(p.id())); // no empty person behind a failed enrolment
                } catch (IOException left) {
                    e.addSuppressed(left);
                }
                throw e;
            }
        }
    }

    /**
     * Adds one face descriptor to a person, with the aligned crop it came from (or null for none).
     * All of a person's descriptors must have one length; values must be finite.
     */
    public synchronized Person addEmbedding(String id, float[] embedding, BufferedImage thumbnail) throws IOException {
        open();
        try (Held ignored = lock()) {
            return addEmbeddingLocked(id, embedding, thumbnail);
        }
    }

    private Person addEmbeddingLocked(String id, float[] embedding, BufferedImage thumbnail) throws IOException {
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
        open();
        try (Held ignored = lock()) {
            delete(personDir(id));
        }
    }

    /** Renamed first, so a kill mid-delete leaves a .removing- folder the next opening finishes, not half a person. */
    private void delete(Path dir) throws IOException {
        String id = dir.getFileName().toString();
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

    /** Held while the folder changes; closing releases it. */
    private interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** This JVM's lock on the folder, then the OS's on {@link #LOCK_FILE}; the OS drops it when a process dies. */
    private Held lock() throws IOException {
        ReentrantLock here = IN_PROCESS.computeIfAbsent(root, r -> new ReentrantLock());
        here.lock();
        if (here.getHoldCount() > 1) return here::unlock;
        FileChannel ch = null;
        try {
            Files.createDirectories(root);
            ch = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                ch.lock();
            } catch (IOException | OverlappingFileLockException unsupported) {
                // a file system without locks: still serialised within this process
                ch.close();
                return here::unlock;
            }
            FileChannel held = ch;
            return () -> {
                try {
                    held.close();
                } finally {
                    here.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) ch.close();
            here.unlock();
            throw e;
        }
    }

    /** Heals the folder the first time this gallery is used. */
    private void open() throws IOException {
        if (repairs != null) return;
        if (!Files.isDirectory(root)) {
            repairs = List.of();
            return;
        }
        List<String> done = new ArrayList<>();
        Held held;
        try {
            held = lock();
        } catch (IOException e) {
            repairs = List.of("not repaired: the folder cannot be locked (" + e + ")"); // read-only, say: still readable
            return;
        }
        try (Held ignored = held) {
            for (Path entry : entries()) {
                String id = entry.getFileName().toString();
                // links may lead out of the gallery, and plain files here are not people: neither is touched
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || id.equals(LOCK_FILE)) continue;
                try {
                    if (id.startsWith(REMOVING)) {
                        deleteTree(entry);
                        done.add(id + ": finished a removal that was cut short");
                    } else if (!id.startsWith(".")) {
                        healPerson(entry, id, done);
                    }
                } catch (IOException e) {
                    done.add(id + ": could not be repaired (" + e + ")");
                }
            }
        }
        repairs = List.copyOf(done);
    }

    private void healPerson(Path dir, String id, List<String> done) throws IOException {
        Path person = dir.resolve(PERSON_FILE);
        Path personTmp = dir.resolve(PERSON_FILE + TMP);
        for (String f : List.of(PERSON_FILE, EMBEDDINGS_FILE)) {
            Path tmp = dir.resolve(f + TMP);
            if (Files.isSymbolicLink(tmp)) { // AtomicFile would write through it, out of the gallery; the target is kept
                Files.delete(tmp);
                done.add(id + "/" + tmp.getFileName() + ": removed, a link where a temporary file goes");
            }
        }
        if (isFile(personTmp)) {
            if (!Files.exists(person, LinkOption.NOFOLLOW_LINKS)) {
                finish(personTmp, person, validName(personTmp), "", id, done);
            } else if (validName(person)) {
                rollBack(personTmp, "stale: " + PERSON_FILE + " is already written", id, done);
            } // else person.json is damaged: load() reports it, and the .tmp may be what the user needs to fix it
        }
        Path vectors = dir.resolve(EMBEDDINGS_FILE);
        Path vectorsTmp = dir.resolve(EMBEDDINGS_FILE + TMP);
        if (isFile(vectorsTmp)) {
            EmbeddingsFile written = validEmbeddings(vectors);
            EmbeddingsFile pending = validEmbeddings(vectorsTmp);
            if (!Files.exists(vectors, LinkOption.NOFOLLOW_LINKS)) {
                finish(vectorsTmp, vectors, pending != null, pending == null ? "" : ", " + count(pending), id, done);
            } else if (written != null) {
                if (pending != null && extend(pending, written)) {
                    finish(vectorsTmp, vectors, true, ", " + count(pending), id, done);
                } else {
                    rollBack(vectorsTmp, pending == null ? "incomplete or invalid" : "stale: it does not extend the stored descriptors", id, done);
                }
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path t : s.filter(p -> p.getFileName().toString().endsWith(".png" + TMP)).sorted().toList()) {
                String thumb = t.getFileName().toString();
                if (isFile(t) && THUMB.matcher(thumb.substring(0, thumb.length() - TMP.length())).matches()) {
                    // thumbnails are written before their descriptor, so this one's descriptor was never stored
                    rollBack(t, "an unfinished thumbnail", id, done);
                }
            }
        }

        if (!Files.exists(person, LinkOption.NOFOLLOW_LINKS)) {
            if (isEmpty(dir)) {
                Files.delete(dir);
                done.add(id + ": removed the empty folder an enrolment cut short left");
            }
            return; // anything else without a person.json is not the gallery's to clean (load() reports it)
        }
        String name;
        try {
            name = readName(dir);
        } catch (Damaged e) {
            return;
        }
        EmbeddingsFile stored = validEmbeddings(vectors);
        if (stored == null && Files.exists(vectors, LinkOption.NOFOLLOW_LINKS)) return; // damaged: reported, kept
        int n = stored == null ? 0 : stored.embeddings().size();
        if (n == 0 && onlyGalleryFiles(dir)) {
            delete(dir);
            done.add(id + ": removed " + name + ", who had no descriptor (an enrolment cut short)");
            return;
        }
        for (Path t : thumbnails(dir)) {
            int index = thumbnailIndex(t);
            if (index >= n && isFile(t)) {
                Files.delete(t);
                done.add(id + "/" + t.getFileName() + ": removed, there is no descriptor " + index + " for it");
            }
        }
    }

    /** Completes an interrupted write whose temporary file is whole and valid; otherwise rolls it back. */
    private static void finish(Path tmp, Path target, boolean valid, String what, String id, List<String> done) throws IOException {
        if (!valid) {
            rollBack(tmp, "incomplete or invalid", id, done);
            return;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        done.add(id + "/" + tmp.getFileName() + ": completed the interrupted write" + what);
    }

    private static void rollBack(Path tmp, String why, String id, List<String> done) throws IOException {
        Files.delete(tmp);
        done.add(id + "/" + tmp.getFileName() + ": rolled back (" + why + ")");
    }

    private static String count(EmbeddingsFile e) {
        int n = e.embeddings().size();
        return n + " descriptor" + (n == 1 ? "" : "s");
    }

    /** Whether {@code longer} keeps every descriptor of {@code stored}, in order, and adds at least one. */
    private static boolean extend(EmbeddingsFile longer, EmbeddingsFile stored) {
        if (longer.embeddings().size() <= stored.embeddings().size()) return false;
        for (int i = 0; i < stored.embeddings().size(); i++) {
            if (!java.util.Arrays.equals(longer.embeddings().get(i), stored.embeddings().get(i))) return false;
        }
        return true;
    }

    private static boolean validName(Path file) {
        try {
            PersonFile p = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), PersonFile.class);
            if (p == null || p.name() == null) return false;
            checkName(p.name());
            return true;
        } catch (IOException | JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The file parsed, when it is a whole embeddings file with only usable descriptors; else null. */
    private static EmbeddingsFile validEmbeddings(Path file) {
        if (!isFile(file)) return null;
        try {
            EmbeddingsFile e = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), EmbeddingsFile.class);
            if (e == null || e.dimension() == null || e.embeddings() == null) return null;
            for (float[] v : e.embeddings()) checkEmbedding(v, e.dimension());
            return e;
        } catch (IOException | JsonParseException | IllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Only plain files of the gallery's own kinds: a person folder holding anything else is not removed. */
    private static boolean onlyGalleryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> {
                String f = p.getFileName().toString();
                return isFile(p) && (f.equals(PERSON_FILE) || f.equals(EMBEDDINGS_FILE) || THUMB.matcher(f).matches());
            });
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
