package io.jdeepface.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LifetimePlannerTest {

    @Test
    void chainReusesMemory() {
        // a -> b -> c -> d: each buffer dies when the next one is written, so two slots suffice.
        List<LifetimePlanner.Request> reqs = List.of(
                new LifetimePlanner.Request(1000, 0, 1),
                new LifetimePlanner.Request(1000, 1, 2),
                new LifetimePlanner.Request(1000, 2, 3),
                new LifetimePlanner.Request(1000, 3, 4));
        LifetimePlanner.Plan plan = LifetimePlanner.plan(reqs);
        assertEquals(2 * LifetimePlanner.align(1000), plan.arenaBytes());
    }

    @Property(tries = 300)
    void liveBuffersNeverOverlapAndAreAligned(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 5000) Integer> sizes,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        java.util.Random rnd = new java.util.Random(seed);
        List<LifetimePlanner.Request> reqs = new ArrayList<>();
        for (int s : sizes) {
            int first = rnd.nextInt(30);
            reqs.add(new LifetimePlanner.Request(s, first, first + rnd.nextInt(10)));
        }
        LifetimePlanner.Plan plan = LifetimePlanner.plan(reqs);
        for (int i = 0; i < reqs.size(); i++) {
            assertEquals(0, plan.offsets()[i] % LifetimePlanner.ALIGNMENT);
            assertTrue(plan.offsets()[i] + reqs.get(i).bytes() <= plan.arenaBytes());
            for (int j = i + 1; j < reqs.size(); j++) {
                LifetimePlanner.Request a = reqs.get(i);
                LifetimePlanner.Request b = reqs.get(j);
                boolean timeOverlap = a.firstStep() <= b.lastStep() && b.firstStep() <= a.lastStep();
                boolean spaceOverlap = plan.offsets()[i] < plan.offsets()[j] + b.bytes()
                        && plan.offsets()[j] < plan.offsets()[i] + a.bytes();
                assertTrue(!(timeOverlap && spaceOverlap && a.bytes() > 0 && b.bytes() > 0),
                        "buffers " + i + " and " + j + " overlap");
            }
        }
    }
}
