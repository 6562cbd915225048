// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>

// Benchmark helper: ticks of a short timer on the UI thread; the gaps between them, beyond the interval,
// are the stalls (the time the event loop did not turn). Set HOOKBENCH_STALL_TRACE to print each one over 50 ms.
class StallMeter final
{
public:
    explicit StallMeter(int intervalMs)
        : m_intervalMs(intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            // The UI thread's own CPU time across a stall: near the stall's length when the thread works, far
            // less when it waits (a lock, the kernel, another thread holding the cores).
            timespec cpu {};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
            const double cpuMs = double(cpu.tv_sec) * 1e3 + double(cpu.tv_nsec) / 1e6;
            if (m_last >= 0) {
                m_gaps.append(double(now - m_last) / 1e6 - m_intervalMs);
                if (m_gaps.constLast() > 50 && qEnvironmentVariableIsSet("HOOKBENCH_STALL_TRACE"))
                    std::printf("    stall %.1f ms ending at %lld ms, %.1f ms of it on the CPU\n", m_gaps.constLast(),
                                static_cast<long long>(now / 1000000), cpuMs - m_lastCpuMs);
                if (m_gaps.constLast() > m_longest) {
                    m_longest = m_gaps.constLast();
                    m_longestEndedAtMs = now / 1000000;
                }
            }
            m_last = now;
            m_lastCpuMs = cpuMs;
        });
    }
    void start()
    {
        m_gaps.clear();
        m_last = -1;
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qsizetype gaps() const { return m_gaps.size(); }
    double longest() const { return m_gaps.isEmpty() ? 0 : *std::max_element(m_gaps.cbegin(), m_gaps.cend()); }
    double percentile(double p) const
    {
        if (m_gaps.isEmpty())
            return 0;
        QList<double> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qMin(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
    }
    qint64 longestEndedAtMs() const { return m_longestEndedAtMs; } // since start()
    qsizetype over(double ms) const
    {
        return std::count_if(m_gaps.cbegin(), m_gaps.cend(), [ms](double g) { return g > ms; });
    }

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    double m_lastCpuMs = 0;
    QList<double> m_gaps;
    double m_longest = 0;
    qint64 m_longestEndedAtMs = 0;
};
