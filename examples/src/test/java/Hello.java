// The root README's ten-line program ("Use kl4j from Maven"), verbatim and in the default package as a
// reader would save it; RootReadmeExampleTest runs it. Between the markers nothing may change without
// changing the README (ReadmeJavaSnippetsTest compares them).
// README snippet begin
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Kl;

public final class Hello {
    public static void main(String[] args) {
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        System.out.printf("KL(P||Q) = %.6f nats%n", DiscreteDivergences.kl(p, q));
        System.out.printf("KL(N(0,1)||N(1,2^2)) = %.6f nats%n", Kl.kl(Normal.of(0, 1), Normal.of(1, 2)));
    }
}
// README snippet end
