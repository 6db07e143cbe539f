// SPDX-License-Identifier: MIT
// A monotone radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990) for Dijkstra with
// integer distances: pushes are O(1), pops amortised O(log C). Keys popped never
// decrease, which Dijkstra guarantees. Entries are not updated in place: a node may
// be queued several times and the search skips stale entries.
#pragma once

#include "routing/types.hpp"

#include <array>
#include <bit>
#include <cassert>
#include <vector>

namespace skolvag::routing {

class RadixHeap {
public:
    struct Entry {
        DistanceMm key;
        NodeId id;
    };

    bool empty() const noexcept { return m_size == 0; }
    std::size_t size() const noexcept { return m_size; }

    /** @pre key >= the last popped key. */
    void push(DistanceMm key, NodeId id) {
        assert(key >= m_last);
        m_buckets[bucket_of(key)].push_back({key, id});
        ++m_size;
    }

    /** Smallest key; moves entries between buckets, hence not const. @pre !empty() */
    DistanceMm min_key() {
        refill();
        return m_last;
    }

    /** An entry with the smallest key; moves entries between buckets. @pre !empty() */
    const Entry& top() {
        refill();
        return m_buckets[0].back();
    }

    Entry pop() {
        refill();
        const Entry e = m_buckets[0].back();
        m_buckets[0].pop_back();
        --m_size;
        return e;
    }

    void clear() noexcept {
        for (auto& b : m_buckets) {
            b.clear();
        }
        m_size = 0;
        m_last = 0;
    }

private:
    std::size_t bucket_of(DistanceMm key) const noexcept {
        return key == m_last ? 0 : 64 - static_cast<std::size_t>(std::countl_zero(key ^ m_last));
    }

    /// Makes bucket 0 non-empty: it holds exactly the entries with key == m_last.
    void refill() {
        assert(!empty());
        if (!m_buckets[0].empty()) {
            return;
        }
        std::size_t i = 1;
        while (m_buckets[i].empty()) {
            ++i;
        }
        DistanceMm smallest = m_buckets[i].front().key;
        for (const Entry& e : m_buckets[i]) {
            smallest = e.key < smallest ? e.key : smallest;
        }
        m_last = smallest;
        for (const Entry& e : m_buckets[i]) {
            m_buckets[bucket_of(e.key)].push_back(e);
        }
        m_buckets[i].clear();
    }

    std::array<std::vector<Entry>, 65> m_buckets;
    std::size_t m_size = 0;
    DistanceMm m_last = 0;
};

} // namespace skolvag::routing
