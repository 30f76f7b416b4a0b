//! Suppression over linked tables: the report's rule of [`crate::report::suppression_mask`]
//! (hide counts 1 to `min_cell - 1`, and a second cell when only one is hidden), applied to
//! every table of the outreach report at once, so that no hidden count follows from a total
//! published in another table.
//!
//! The figures form a tree of sums: a table's cells add up to its total, and a total can be a
//! cell of another table (months add up to a year, years to all years; active venues are a
//! cell of "active / no longer active" and the total of "by form" and "by region"). The rules,
//! applied until nothing changes:
//! 1. primary and secondary suppression of each table ([`suppression_mask`]);
//! 2. a table whose hidden cells could be told from its total (one hidden cell, or hidden
//!    cells that can only all be 1) hides one more cell: the smallest shown non-zero cell, else
//!    its zero cells, else its total;
//! 3. a total that is hidden hides every cell of its table, zeros included, so the cells cannot
//!    give it back;
//! 4. a total from 1 to `min_cell - 1` is hidden ([`total_is_suppressed`]).

use crate::report::{suppression_mask, total_is_suppressed};

/// The figures of a report as one list of counts, the tables over them, and what is hidden.
#[derive(Debug, Default)]
pub(crate) struct Linked {
    counts: Vec<u64>,
    hidden: Vec<bool>,
    tables: Vec<(Vec<usize>, usize)>,
}

impl Linked {
    /// Adds a figure; returns its index.
    pub(crate) fn figure(&mut self, count: u64) -> usize {
        self.counts.push(count);
        self.hidden.push(false);
        self.counts.len() - 1
    }

    /// Declares that the figures `cells` add up to the figure `total`.
    pub(crate) fn table(&mut self, cells: Vec<usize>, total: usize) {
        self.tables.push((cells, total));
    }

    /// The count of a figure, `None` when hidden.
    pub(crate) fn shown(&self, i: usize) -> Option<u64> {
        match (self.hidden.get(i), self.counts.get(i)) {
            (Some(false), Some(&c)) => Some(c),
            _ => None,
        }
    }

    /// Applies the rules until nothing changes. `min_cell` 0 or 1 turns suppression off.
    pub(crate) fn suppress(&mut self, min_cell: u64) {
        if min_cell <= 1 {
            return;
        }
        for (h, &c) in self.hidden.iter_mut().zip(&self.counts) {
            *h |= total_is_suppressed(c, min_cell);
        }
        // Every round hides at least one more figure or stops, so this ends.
        let mut changed = true;
        while changed {
            changed = false;
            for t in 0..self.tables.len() {
                changed |= self.protect(t, min_cell);
            }
        }
    }

    /// Hides a figure; whether it was shown before.
    fn hide(&mut self, i: usize) -> bool {
        match self.hidden.get_mut(i) {
            Some(h) if !*h => {
                *h = true;
                true
            }
            _ => false,
        }
    }

    fn is_hidden(&self, i: usize) -> bool {
        self.hidden.get(i).copied().unwrap_or(true)
    }

    fn count(&self, i: usize) -> u64 {
        self.counts.get(i).copied().unwrap_or(0)
    }

    /// One table; whether anything was newly hidden.
    fn protect(&mut self, t: usize, min_cell: u64) -> bool {
        let Some((cells, total)) = self.tables.get(t).cloned() else {
            return false;
        };
        let mut changed = false;
        if self.is_hidden(total) {
            for &c in &cells {
                changed |= self.hide(c);
            }
            return changed;
        }
        let counts: Vec<u64> = cells.iter().map(|&c| self.count(c)).collect();
        for (&c, hide) in cells.iter().zip(suppression_mask(&counts, min_cell)) {
            if hide {
                changed |= self.hide(c);
            }
        }
        loop {
            let hidden: Vec<usize> = cells
                .iter()
                .copied()
                .filter(|&c| self.is_hidden(c))
                .collect();
            let sum: u64 = hidden.iter().map(|&c| self.count(c)).sum();
            let zeros_hidden = hidden.iter().any(|&c| self.count(c) == 0);
            // What the total gives away: the sum of the hidden cells. It pins them when there
            // is one, or when each hidden cell is known to be at least 1 and they sum to their
            // number (all are 1).
            let pinned = hidden.len() == 1 || (!zeros_hidden && sum == hidden.len() as u64);
            if hidden.is_empty() || !pinned {
                return changed;
            }
            let next = cells
                .iter()
                .copied()
                .filter(|&c| !self.is_hidden(c) && self.count(c) > 0)
                .min_by_key(|&c| self.count(c));
            if let Some(c) = next {
                changed |= self.hide(c);
                continue;
            }
            let zeros: Vec<usize> = cells
                .iter()
                .copied()
                .filter(|&c| !self.is_hidden(c))
                .collect();
            if zeros.is_empty() {
                return self.hide(total) || changed;
            }
            for c in zeros {
                changed |= self.hide(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one_table(counts: &[u64], min_cell: u64) -> (Vec<bool>, bool) {
        let mut l = Linked::default();
        let cells: Vec<usize> = counts.iter().map(|&c| l.figure(c)).collect();
        let total = l.figure(counts.iter().sum());
        l.table(cells.clone(), total);
        l.suppress(min_cell);
        (
            cells.iter().map(|&c| l.shown(c).is_none()).collect(),
            l.shown(total).is_none(),
        )
    }

    #[test]
    fn ones_that_sum_to_their_number_take_a_third_cell() {
        // 1 + 1 hidden beside 40 would give 2 = 1 + 1: both pinned.
        assert_eq!(one_table(&[1, 1, 40], 5), (vec![true, true, true], false));
        assert_eq!(one_table(&[3, 40, 8], 5), (vec![true, false, true], false));
        assert_eq!(one_table(&[18, 16, 6], 5), (vec![false; 3], false));
        // five months of 1 and nothing else: only hiding the total protects them
        assert_eq!(one_table(&[1, 1, 1, 1, 1], 5), (vec![true; 5], true));
        // with a zero month, hiding the zero is enough
        assert_eq!(one_table(&[1, 1, 1, 1, 1, 0], 5), (vec![true; 6], false));
        assert_eq!(one_table(&[3, 1], 0), (vec![false, false], false));
    }

    #[test]
    fn a_hidden_total_hides_its_cells() {
        // years [3, 40] of all = 43: 40 is hidden as the secondary cell, so the months of
        // that year (which would sum to 40) are hidden too.
        let mut l = Linked::default();
        let y1 = l.figure(3);
        let months: Vec<usize> = [10, 10, 20].iter().map(|&c| l.figure(c)).collect();
        let y2 = l.figure(40);
        let all = l.figure(43);
        l.table(vec![y1, y2], all);
        l.table(months.clone(), y2);
        l.suppress(5);
        assert!(months.iter().all(|&m| l.shown(m).is_none()));
        assert_eq!(l.shown(all), Some(43));
    }

    proptest! {
        #[test]
        fn no_table_gives_a_hidden_cell_away(counts in prop::collection::vec(0u64..9, 1..8), min_cell in 2u64..6) {
            let (mask, total_hidden) = one_table(&counts, min_cell);
            for (i, &c) in counts.iter().enumerate() {
                if c > 0 && c < min_cell {
                    prop_assert!(mask[i], "small count {} shown", c);
                }
            }
            if !total_hidden {
                let hidden: Vec<u64> = counts.iter().zip(&mask).filter(|(_, &m)| m).map(|(&c, _)| c).collect();
                let zeros_hidden = hidden.contains(&0);
                prop_assert!(hidden.len() != 1);
                prop_assert!(hidden.is_empty() || zeros_hidden || hidden.iter().sum::<u64>() > hidden.len() as u64);
            }
        }
    }
}
