// SPDX-License-Identifier: MIT
// An indexed binary min-heap over ids [0, n) with decrease-key, for Dijkstra.
#pragma once

#include "routing/types.hpp"

#include <cassert>
#include <cstdint>
#include <vector>

namespace skolvag::routing {

class MinIdQueue {
public:
    struct Entry {
        std::uint32_t id;
        DistanceMm key;
    };

    explicit MinIdQueue(std::uint32_t id_count = 0) : m_pos(id_count, kNotQueued) {}

    bool empty() const noexcept { return m_heap.empty(); }
    std::size_t size() const noexcept { return m_heap.size(); }
    bool contains(std::uint32_t id) const noexcept { return m_pos[id] != kNotQueued; }
    const Entry& peek() const noexcept {
        assert(!empty());
        return m_heap.front();
    }

    /** Inserts id with key, or lowers its key when it is queued with a larger one. */
    void push_or_decrease(std::uint32_t id, DistanceMm key) {
        std::uint32_t i = m_pos[id];
        if (i == kNotQueued) {
            i = static_cast<std::uint32_t>(m_heap.size());
            m_heap.push_back({id, key});
        } else if (key < m_heap[i].key) {
            m_heap[i].key = key;
        } else {
            return;
        }
        sift_up(i);
    }

    Entry pop() {
        assert(!empty());
        const Entry top = m_heap.front();
        m_pos[top.id] = kNotQueued;
        const Entry last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty()) {
            m_heap[0] = last;
            m_pos[last.id] = 0;
            sift_down(0);
        }
        return top;
    }

    /** Empties the queue in O(size). */
    void clear() noexcept {
        for (const Entry& e : m_heap) {
            m_pos[e.id] = kNotQueued;
        }
        m_heap.clear();
    }

private:
    static constexpr std::uint32_t kNotQueued = kInvalidId;

    void place(std::uint32_t i, const Entry& e) noexcept {
        m_heap[i] = e;
        m_pos[e.id] = i;
    }

    void sift_up(std::uint32_t i) noexcept {
        const Entry e = m_heap[i];
        while (i > 0) {
            const std::uint32_t parent = (i - 1) / 2;
            if (m_heap[parent].key <= e.key) {
                break;
            }
            place(i, m_heap[parent]);
            i = parent;
        }
        place(i, e);
    }

    void sift_down(std::uint32_t i) noexcept {
        const Entry e = m_heap[i];
        const auto n = static_cast<std::uint32_t>(m_heap.size());
        for (;;) {
            std::uint32_t child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && m_heap[child + 1].key < m_heap[child].key) {
                ++child;
            }
            if (e.key <= m_heap[child].key) {
                break;
            }
            place(i, m_heap[child]);
            i = child;
        }
        place(i, e);
    }

    std::vector<Entry> m_heap;
    std::vector<std::uint32_t> m_pos;
};

} // namespace skolvag::routing
