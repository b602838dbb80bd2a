package dev.latentstudio.app.shell;

import atlantafx.base.theme.PrimerDark;
import dev.latentstudio.app.common.DeferredView;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.ShowScreen;
import dev.latentstudio.app.partner.PartnerView;
import dev.latentstudio.app.partner.PartnerViewModel;
import dev.latentstudio.app.inversion.InversionView;
import dev.latentstudio.app.inversion.InversionViewModel;
import dev.latentstudio.app.latentlab.LatentLabView;
import dev.latentstudio.app.latentlab.LatentLabViewModel;
import dev.latentstudio.app.training.TrainingViewModel;
import dev.latentstudio.app.training.TrainingView;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.app.faceedit.RealFaceView;
import dev.latentstudio.app.faceedit.RealFaceViewModel;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import dev.latentstudio.app.booth.BoothView;
import dev.latentstudio.app.booth.BoothViewModel;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceBooth;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The main window's content: navigation rail on the left, the selected screen, the status bar below. */
public final class StudioShell extends BorderPane {
    public static final String TITLE = "Latent Studio";
    public static final double WIDTH = 1100;
    public static final double HEIGHT = 760;
    /** The Partner screen's rail title (the booth sends its frame there). */
    public static final String PARTNER = "Partner";

    private final List<Screen> screens;
    private final NavigationRail rail;
    private final StackPane content = new StackPane();
    private final Map<Integer, Node> built = new HashMap<>();
    private final HelpMenu help;

    /** The studio's screens, in rail order. A new screen is one more line here. */
    public static List<Screen> screens(JobRunner jobs, String generator) {
        LatentLabViewModel lab = LatentLabView.openModel(jobs, generator);
        TrainingViewModel training = new TrainingViewModel(jobs);
        // a finished run is a new generator: Latent Lab offers it at once
        training.lastSavedModelProperty().addListener((o, old, dir) -> {
            if (dir != null) lab.refreshGenerators();
        });
        PartnerViewModel partner = new PartnerViewModel(jobs);
        BoothViewModel booth = new BoothViewModel(jobs, () -> FaceBooth.load(StudioPaths.models().resolve("face-api")),
                StudioPaths.assets().resolve("faces"));
        // the booth's Partner button: its frame goes to the Partner screen's translate, which the booth's view then shows
        booth.setPartner(PARTNER, frame -> partner.translate().translatePicture(frame, "the booth's frame"));
        return List.of(
                new Screen("Latent Lab", MaterialDesignB.BLUR, "sample a generator's latent space; morph, dance, "
                        + "add and subtract samples, map z-space.", () -> new LatentLabView(lab)),
                new Screen("Training", MaterialDesignD.DUMBBELL, "train a GAN on the bundled digits or a folder of "
                        + "pictures and watch it learn; step through single D and G updates.", () -> new TrainingView(training)),
                new Screen("Inversion Lab", MaterialDesignB.BRAIN, "run a classifier backwards: the picture it wants for a digit "
                        + "(or a mix of two), regularisers on sliders, a gallery to compare and export.",
                        () -> new DeferredView("Inversion Lab", jobs, InversionViewModel::prepare, () -> inversionLab(jobs))),
                new Screen("Booth", MaterialDesignC.CAMERA, "point a webcam (or a folder, or a video) at people: faces found, "
                        + "68 landmarks, names of the enrolled, age, gender and expression, live.",
                        () -> new BoothView(booth)),
                new Screen(PARTNER, MaterialDesignA.ACCOUNT_HEART, "pix2pix: drop a picture (or take a snapshot) and see "
                        + "what a model trained on pairs draws from it; train one on garment outlines or your own pairs.",
                        () -> new PartnerView(partner)));
    }

    /** The Inversion Lab: the networks one by one, and a real face edited and morphed by them together. */
    private static Node inversionLab(JobRunner jobs) {
        Tab networks = new Tab("Networks", new InversionView(new InversionViewModel(jobs)));
        Tab face = new Tab("A real face", new RealFaceView(RealFaceViewModel.load(jobs, StudioPaths.models().resolve("face-api"),
                StudioPaths.assets().resolve("faces"))));
        face.setId("lab-real-face-tab");
        networks.setTooltip(Tooltips.of("One network at a time, run backwards: what a class, a channel or a layer looks for."));
        face.setTooltip(Tooltips.of("A photo's face edited by the expression and age/gender networks together (the recogniser "
                + "keeping who it is), or morphed into another face."));
        TabPane tabs = new TabPane(networks, face);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    /** The AtlantaFX theme for every window of the application; call before the first scene is shown. */
    public static void applyTheme() {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    }

    public StudioShell(ShellViewModel vm, List<Screen> screens) {
        if (screens.isEmpty()) throw new IllegalArgumentException("the studio needs at least one screen");
        this.screens = List.copyOf(screens);
        getStylesheets().add(StudioShell.class.getResource("studio.css").toExternalForm());
        getStyleClass().add("studio-shell");
        rail = new NavigationRail(this.screens);
        rail.selectedProperty().addListener((o, a, i) -> show(i.intValue()));
        content.getStyleClass().add("screen-content");
        setLeft(rail);
        setCenter(content);
        setBottom(new StatusBar(vm));
        help = new HelpMenu(vm, this.screens, () -> getScene() == null ? null : getScene().getWindow());
        rail.addFooter(help);
        // Ctrl+1… show the screens in rail order, wherever the focus is
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) return;
            for (int i = 0; i < this.screens.size() && Shortcut.screen(i) != null; i++) {
                int at = i;
                scene.getAccelerators().put(Shortcut.screen(i), () -> select(at));
            }
        });
        addEventHandler(ShowScreen.SHOW, e -> {
            for (int i = 0; i < this.screens.size(); i++) if (this.screens.get(i).title().equals(e.title())) select(i);
            e.consume();
        });
        rail.select(0);
    }

    /** Shows screen i, building its view the first time. */
    public void select(int i) {
        rail.select(i);
    }

    /** Opens Help ▸ Shortcuts. */
    public void showShortcuts() {
        help.showShortcuts();
    }

    /** Opens Help ▸ About. */
    public void showAbout() {
        help.showAbout();
    }

    private void show(int i) {
        Node view = built.computeIfAbsent(i, k -> screens.get(k).view().get());
        content.getChildren().setAll(view);
    }
}
