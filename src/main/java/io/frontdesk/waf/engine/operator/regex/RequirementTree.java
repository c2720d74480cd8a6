package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A requirement laid out to be decided atom by atom: its nodes numbered, each knowing its parent
 * and how many of its children must hold (all for an and, one for an or), each atom the leaves
 * that name it. An atom found walks up from its leaves counting, so the work per atom is the depth
 * of the tree however many atoms the requirement has, and nothing is evaluated twice.
 */
final class RequirementTree {

    private static final int ROOT = -1;

    private final int[] parents;
    private final int[] needed;
    private final int[][] leaves;

    /** The tree of a requirement other than {@link Requirement#NONE}; {@code atoms} numbers its atoms from 0. */
    RequirementTree(Requirement requirement, Map<String, Integer> atoms) {
        List<Integer> parentList = new ArrayList<>();
        List<Integer> neededList = new ArrayList<>();
        List<List<Integer>> leafLists = new ArrayList<>();
        atoms.values().forEach(index -> leafLists.add(new ArrayList<>()));
        add(requirement, ROOT, atoms, parentList, neededList, leafLists);
        parents = parentList.stream().mapToInt(Integer::intValue).toArray();
        needed = neededList.stream().mapToInt(Integer::intValue).toArray();
        leaves = leafLists.stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    private static void add(Requirement requirement, int parent, Map<String, Integer> atoms, List<Integer> parents,
            List<Integer> needed, List<List<Integer>> leaves) {
        int node = parents.size();
        parents.add(parent);
        if (requirement instanceof Requirement.Atom atom) {
            needed.add(1);
            leaves.get(atoms.get(atom.text())).add(node);
            return;
        }
        List<Requirement> parts;
        if (requirement instanceof Requirement.All all) {
            parts = all.parts();
            needed.add(parts.size());
        } else {
            parts = ((Requirement.AnyOf) requirement).parts();
            needed.add(1);
        }
        parts.forEach(part -> add(part, node, atoms, parents, needed, leaves));
    }

    /** A fresh record of the atoms found in a value, for one thread to reuse value after value. */
    Progress progress() {
        return new Progress();
    }

    /**
     * The atoms found so far in one value and the count of children holding at each node, those
     * stamped with an earlier value's generation counting as nothing: a new value starts afresh
     * without clearing. Told of an atom, it answers whether the requirement now holds.
     */
    final class Progress implements IntPredicate {

        private final int[] atomStamps = new int[leaves.length];
        private final int[] nodeStamps = new int[parents.length];
        private final int[] holding = new int[parents.length];
        private int generation;

        void nextValue() {
            if (++generation == 0) {
                Arrays.fill(atomStamps, 0);
                Arrays.fill(nodeStamps, 0);
                generation = 1;
            }
        }

        @Override
        public boolean test(int atom) {
            if (atomStamps[atom] == generation) {
                return false;
            }
            atomStamps[atom] = generation;
            for (int leaf : leaves[atom]) {
                if (holdsUpTo(leaf)) {
                    return true;
                }
            }
            return false;
        }

        /** A node has just come to hold: whether the root does now. */
        private boolean holdsUpTo(int node) {
            for (int at = node; parents[at] != ROOT; at = parents[at]) {
                int parent = parents[at];
                if (nodeStamps[parent] != generation) {
                    nodeStamps[parent] = generation;
                    holding[parent] = 0;
                }
                if (++holding[parent] != needed[parent]) {
                    return false;
                }
            }
            return true;
        }
    }
}
