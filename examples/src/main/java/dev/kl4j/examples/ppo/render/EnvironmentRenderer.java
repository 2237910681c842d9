package dev.kl4j.examples.ppo.render;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.ppo.env.Acrobot;
import dev.kl4j.ppo.env.CartPole;
import dev.kl4j.ppo.env.Environment;
import dev.kl4j.ppo.env.MountainCarContinuous;
import dev.kl4j.ppo.env.Pendulum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws an environment's current state ({@link Environment#state()}) into an image, with the geometry
 * and colours of Gymnasium's own pictures, scaled from their 600×400 (CartPole, MountainCar) and 500×500
 * (Pendulum, Acrobot) screens to the requested size:
 * <ul>
 *   <li>CartPole: the track 4.8 m wide, the cart at {@code x}, the pole (length 2·0.5 m) leaning by
 *       θ clockwise from upright;</li>
 *   <li>Pendulum: the rod of length 1 from the centre, θ = 0 pointing up, θ counter-clockwise;</li>
 *   <li>Acrobot: two links of length 1 hanging from the centre at θ1 = θ2 = 0, and the bar one link
 *       length above the pivot that the tip must pass;</li>
 *   <li>MountainCarContinuous: the track {@code 0.45 sin 3x + 0.55} over [−1.2, 0.6], the car tilted by
 *       the slope, and the flag at 0.45.</li>
 * </ul>
 * Screen coordinates here have y down; the physics has y up.
 */
public final class EnvironmentRenderer {

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color INK = Color.BLACK;
    private static final Color POLE = new Color(202, 152, 101);
    private static final Color AXLE = new Color(129, 132, 203);
    private static final Color ROD = new Color(204, 77, 77);
    private static final Color LINK = new Color(0, 204, 204);
    private static final Color JOINT = new Color(204, 204, 0);
    private static final Color WHEEL = new Color(128, 128, 128);

    private EnvironmentRenderer() {}

    /**
     * Draws the environment's current state.
     *
     * @param env    CartPole-v1, Pendulum-v1, Acrobot-v1 or MountainCarContinuous-v0
     * @param width  image width in pixels, at least 16
     * @param height image height in pixels, at least 16
     * @return a new RGB image
     */
    public static BufferedImage frame(Environment env, int width, int height) {
        return frame(env, width, height, null);
    }

    /**
     * Draws the environment's current state with a caption in the top-left corner.
     *
     * @param env     the environment
     * @param width   image width in pixels, at least 16
     * @param height  image height in pixels, at least 16
     * @param caption text to print, or null for none
     * @return a new RGB image
     */
    public static BufferedImage frame(Environment env, int width, int height, String caption) {
        if (width < 16 || height < 16) {
            throw new InvalidArgumentException("width", "a frame needs at least 16×16 pixels, got " + width + "×" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            double[] s = env.state();
            switch (env.id()) {
                case CartPole.ID -> cartPole(g, s, width, height);
                case Pendulum.ID -> pendulum(g, s, width, height);
                case Acrobot.ID -> acrobot(g, s, width, height);
                case MountainCarContinuous.ID -> mountainCar(g, s, width, height);
                default -> throw new InvalidArgumentException("env", "no picture for environment '" + env.id() + "'");
            }
            if (caption != null) {
                g.setColor(INK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, height / 25)));
                g.drawString(caption, 4, 4 + g.getFontMetrics().getAscent());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Gymnasium: 600 px for 4.8 m, cart 50×30 px with its top at 100 px (y up), pole 10 px wide. */
    private static void cartPole(Graphics2D g, double[] s, int w, int h) {
        double px = w / 600.0; // pixels per Gymnasium pixel
        double scale = w / (CartPole.X_THRESHOLD * 2);
        double cartWidth = 50 * px;
        double cartHeight = 30 * px;
        double poleWidth = 10 * px;
        double poleLength = scale * (2 * CartPole.HALF_LENGTH);
        double trackY = h - 100 * (h / 400.0);
        double cartX = s[0] * scale + w / 2.0;
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) Math.max(1, px)));
        g.draw(new Line2D.Double(0, trackY, w, trackY));
        g.fill(new Rectangle2D.Double(cartX - cartWidth / 2, trackY - cartHeight / 2, cartWidth, cartHeight));
        double axleY = trackY - cartHeight / 4;
        AffineTransform saved = g.getTransform();
        g.translate(cartX, axleY);
        g.rotate(s[2]); // θ > 0 leans right: clockwise on a y-down screen
        g.setColor(POLE);
        g.fill(new Rectangle2D.Double(-poleWidth / 2, -(poleLength - poleWidth / 2), poleWidth, poleLength));
        g.setTransform(saved);
        g.setColor(AXLE);
        g.fill(circle(cartX, axleY, poleWidth / 2));
    }

    /** Gymnasium: 500 px for 4.4 units, rod 1 unit long and 0.2 wide, axle 0.05. */
    private static void pendulum(Graphics2D g, double[] s, int w, int h) {
        double scale = Math.min(w, h) / 4.4;
        double cx = w / 2.0;
        double cy = h / 2.0;
        double rodWidth = 0.2 * scale;
        double endX = cx - Math.sin(s[0]) * scale; // θ = 0 up, counter-clockwise positive
        double endY = cy - Math.cos(s[0]) * scale;
        g.setColor(ROD);
        g.setStroke(new BasicStroke((float) rodWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(cx, cy, endX, endY));
        g.fill(circle(cx, cy, rodWidth / 2));
        g.fill(circle(endX, endY, rodWidth / 2));
        g.setColor(INK);
        g.fill(circle(cx, cy, 0.05 * scale));
    }

    /** Gymnasium: 500 px for 4.4 units, links 0.2 units wide, joints of radius 0.1, the bar at height 1. */
    private static void acrobot(Graphics2D g, double[] s, int w, int h) {
        double scale = Math.min(w, h) / ((Acrobot.LINK_LENGTH_1 + Acrobot.LINK_LENGTH_2 + 0.2) * 2);
        double cx = w / 2.0;
        double cy = h / 2.0;
        // Positions with y up: p1 = l1 (sin θ1, −cos θ1), p2 = p1 + l2 (sin(θ1+θ2), −cos(θ1+θ2)).
        double x1 = Acrobot.LINK_LENGTH_1 * Math.sin(s[0]);
        double y1 = -Acrobot.LINK_LENGTH_1 * Math.cos(s[0]);
        double x2 = x1 + Acrobot.LINK_LENGTH_2 * Math.sin(s[0] + s[1]);
        double y2 = y1 - Acrobot.LINK_LENGTH_2 * Math.cos(s[0] + s[1]);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(cx - 2.2 * scale, cy - 1 * scale, cx + 2.2 * scale, cy - 1 * scale));
        g.setColor(LINK);
        g.setStroke(new BasicStroke((float) (0.2 * scale), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        double sx1 = cx + x1 * scale;
        double sy1 = cy - y1 * scale;
        g.draw(new Line2D.Double(cx, cy, sx1, sy1));
        g.draw(new Line2D.Double(sx1, sy1, cx + x2 * scale, cy - y2 * scale));
        g.setColor(JOINT);
        g.fill(circle(cx, cy, 0.1 * scale));
        g.fill(circle(sx1, sy1, 0.1 * scale));
    }

    /** Gymnasium: 600 px for 1.8 units, car 40×20 px with 10 px clearance, wheels, flag at the goal. */
    private static void mountainCar(Graphics2D g, double[] s, int w, int h) {
        double min = MountainCarContinuous.MIN_POSITION;
        double scale = w / (MountainCarContinuous.MAX_POSITION - min);
        double px = w / 600.0;
        double yScale = scale * (h / 400.0) / px; // Gymnasium's 400 px height, stretched with the image
        Path2D.Double track = new Path2D.Double();
        for (int i = 0; i < 100; i++) {
            double x = min + (MountainCarContinuous.MAX_POSITION - min) * i / 99.0;
            double sx = (x - min) * scale;
            double sy = h - MountainCarContinuous.height(x) * yScale;
            if (i == 0) {
                track.moveTo(sx, sy);
            } else {
                track.lineTo(sx, sy);
            }
        }
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) Math.max(1, px)));
        g.draw(track);
        double pos = s[0];
        double carX = (pos - min) * scale;
        double carY = h - (MountainCarContinuous.height(pos) * yScale + 10 * px);
        AffineTransform saved = g.getTransform();
        g.translate(carX, carY);
        g.rotate(-Math.cos(3 * pos)); // Gymnasium tilts the car by cos(3x) radians (y up)
        double carWidth = 40 * px;
        double carHeight = 20 * px;
        g.fill(new Rectangle2D.Double(-carWidth / 2, -carHeight, carWidth, carHeight));
        g.setColor(WHEEL);
        g.fill(circle(carWidth / 4, 0, carHeight / 2.5));
        g.fill(circle(-carWidth / 4, 0, carHeight / 2.5));
        g.setTransform(saved);
        double flagX = (MountainCarContinuous.GOAL_POSITION - min) * scale;
        double flagY1 = h - MountainCarContinuous.height(MountainCarContinuous.GOAL_POSITION) * yScale;
        double flagY2 = flagY1 - 50 * px;
        g.setColor(INK);
        g.draw(new Line2D.Double(flagX, flagY1, flagX, flagY2));
        Path2D.Double flag = new Path2D.Double();
        flag.moveTo(flagX, flagY2);
        flag.lineTo(flagX, flagY2 + 10 * px);
        flag.lineTo(flagX + 25 * px, flagY2 + 5 * px);
        flag.closePath();
        g.setColor(JOINT);
        g.fill(flag);
    }

    private static Ellipse2D circle(double x, double y, double r) {
        return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    }
}
