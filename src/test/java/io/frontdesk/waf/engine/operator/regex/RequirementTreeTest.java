package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Deciding a requirement atom by atom agrees with evaluating it afresh on the atoms found so far. */
class RequirementTreeTest {

    private static final List<String> ATOMS = List.of("a", "b", "c", "d", "e");

    @Test
    void holdsFromTheFirstAtomThatMakesTheRequirementTrue() {
        Random random = new Random(16);
        for (int round = 0; round < 2000; round++) {
            Requirement requirement = randomRequirement(random, 3);
            if (requirement.equals(Requirement.NONE)) {
                continue;
            }
            Map<String, Integer> indexes = new LinkedHashMap<>();
            requirement.atoms().forEach(atom -> indexes.put(atom, indexes.size()));
            RequirementTree.Progress progress = new RequirementTree(requirement, indexes).progress();
            for (int value = 0; value < 3; value++) {
                progress.nextValue();
                Set<String> found = new HashSet<>();
                boolean held = false;
                for (int step = 0; step < 8 && !held; step++) {
                    String atom = ATOMS.get(random.nextInt(ATOMS.size()));
                    if (!indexes.containsKey(atom)) {
                        continue;
                    }
                    found.add(atom);
                    held = progress.test(indexes.get(atom));
                    assertThat(held).as("%s after %s", requirement, found).isEqualTo(holds(requirement, found));
                }
            }
        }
    }

    private static Requirement randomRequirement(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return Requirement.atom(ATOMS.get(random.nextInt(ATOMS.size())));
        }
        List<Requirement> parts = new ArrayList<>();
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            parts.add(randomRequirement(random, depth - 1));
        }
        return random.nextBoolean() ? Requirement.all(parts) : Requirement.anyOf(parts);
    }

    private static boolean holds(Requirement requirement, Set<String> found) {
        if (requirement instanceof Requirement.Atom atom) {
            return found.contains(atom.text());
        }
        if (requirement instanceof Requirement.All all) {
            return all.parts().stream().allMatch(part -> holds(part, found));
        }
        return ((Requirement.AnyOf) requirement).parts().stream().anyMatch(part -> holds(part, found));
    }
}
