//! Route 53 as the Enactors see it: per endpoint, one record tree per plan, the alias to
//! the active tree, the rollback record, and the lock record.

use super::{Generation, GenerationMap, LbSet};
use std::rc::Rc;

/// The endpoints that share the regional plan, in the order every Enactor walks them.
pub const ENDPOINT_NAMES: [&str; 3] = [
    "dynamodb.us-east-1.amazonaws.com",
    "dynamodb.us-east-1.api.aws",
    "dynamodb-fips.us-east-1.amazonaws.com",
];

/// The lock record of one endpoint: a TXT record with the holder and an expiry time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lock {
    /// The Enactor holding it.
    pub holder: u8,
    /// Logical time after which another Enactor may take it.
    pub expires_at_ms: u64,
}

/// One endpoint's records in Route 53.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// One tree of records per plan present: its load balancers. Shared between copies of
    /// a world until one of them changes it (`Rc::make_mut`), like the plan store.
    pub trees: Rc<GenerationMap<LbSet>>,
    /// The customer-facing alias: the generation of the tree it points at. The tree may
    /// have been deleted: then the name resolves to zero addresses.
    pub alias: Generation,
    /// The rollback record: the previously active plan.
    pub rollback: Option<Generation>,
    /// The lock record, if any Enactor has written one that has not been released.
    pub lock: Option<Lock>,
    /// Highest generation ever active here: an alias below it has gone backwards.
    pub high_water: Generation,
    /// Since when the alias has pointed at a deleted tree, if it does.
    pub broken_since_ms: Option<u64>,
    /// With `fencing-token`: the highest lease token of any write committed here.
    pub fence: u64,
}

impl Endpoint {
    /// A healthy endpoint whose active plan and rollback plan both exist.
    pub fn new(active: Generation, active_lbs: LbSet, rollback: Generation) -> Self {
        let trees = Rc::new(GenerationMap::from([(rollback, active_lbs), (active, active_lbs)]));
        Endpoint {
            trees,
            alias: active,
            rollback: Some(rollback),
            lock: None,
            high_water: active,
            broken_since_ms: None,
            fence: 0,
        }
    }

    /// Whether the alias points at a tree that exists. Every change batch must point the
    /// rollback record at the active tree, so without it no write can succeed.
    pub fn active_tree_present(&self) -> bool {
        self.active_tree().is_some()
    }

    /// The load balancers of the tree the alias points at, or `None` if it was deleted.
    pub fn active_tree(&self) -> Option<LbSet> {
        self.trees.get(&self.alias).copied()
    }

    /// Whether `enactor` may take the lock at `now_ms`: free, expired, or its own.
    pub fn lock_free_for(&self, enactor: u8, now_ms: u64) -> bool {
        match self.lock {
            None => true,
            Some(lock) => lock.holder == enactor || lock.expires_at_ms <= now_ms,
        }
    }

    /// The change batch of a write: create the plan's tree, point the rollback record at
    /// the active tree and the alias at the new one, release the lock. Returns the
    /// generation that was active before. Rewriting the active plan leaves the rollback
    /// record alone, so the plan before it stays reachable. The caller has checked that
    /// Route 53 accepts the batch.
    pub fn commit(&mut self, generation: Generation, lbs: LbSet) -> Generation {
        let previous = self.alias;
        Rc::make_mut(&mut self.trees).insert(generation, lbs);
        if previous != generation {
            self.rollback = Some(previous);
        }
        self.alias = generation;
        self.high_water = self.high_water.max(generation);
        self.lock = None;
        // The alias now points at the tree just created: the endpoint answers again.
        self.broken_since_ms = None;
        previous
    }

    /// Deletes every tree older than `threshold`, except those in `keep`, and returns their
    /// generations. Marks the endpoint broken at `now_ms` if its active tree was among them.
    pub fn delete_older_than(
        &mut self,
        threshold: Generation,
        keep: &[Generation],
        now_ms: u64,
    ) -> Vec<Generation> {
        let mut deleted = Vec::new();
        self.delete_older_than_into(threshold, keep, now_ms, &mut deleted);
        deleted
    }

    /// [`Endpoint::delete_older_than`], adding the generations deleted to `deleted` (a
    /// clean-up gathers every endpoint's in one list).
    pub fn delete_older_than_into(
        &mut self,
        threshold: Generation,
        keep: &[Generation],
        now_ms: u64,
        deleted: &mut Vec<Generation>,
    ) {
        // Copies of a world share the trees until one of them deletes one.
        if self.trees.range(..threshold).any(|(g, _)| !keep.contains(g)) {
            Rc::make_mut(&mut self.trees).remove_older_than(threshold, keep, deleted);
        }
        if !self.active_tree_present() && self.broken_since_ms.is_none() {
            self.broken_since_ms = Some(now_ms);
        }
    }

    /// The operators' repair: write `generation` by hand, as both active and rollback plan.
    pub fn restore(&mut self, generation: Generation, lbs: LbSet) {
        Rc::make_mut(&mut self.trees).insert(generation, lbs);
        self.alias = generation;
        self.rollback = Some(generation);
        self.high_water = self.high_water.max(generation);
        self.lock = None;
        self.broken_since_ms = None;
    }
}
