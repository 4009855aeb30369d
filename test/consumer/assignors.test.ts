import { describe, expect, it } from "vitest";
import { rangeAssign } from "../../src/consumer/assignors/rangeAssignor";
import { roundRobinAssign } from "../../src/consumer/assignors/roundRobinAssignor";
import type { AssignorMember, GroupAssignment } from "../../src/consumer/assignors/assignor";

/** "t0p1"-style names per member, as Kafka's javadoc writes them. */
function named(assignment: GroupAssignment): Record<string, string[]> {
  return Object.fromEntries(
    [...assignment].map(([member, partitions]) => [
      member,
      partitions.map((tp) => `${tp.topic}p${tp.partition}`),
    ]),
  );
}

const counts = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

describe("RangeAssignor (Kafka's javadoc examples)", () => {
  it("two consumers, two topics of three partitions: C0 takes the first two of each", () => {
    const members: AssignorMember[] = [
      { memberId: "C1", topics: ["t0", "t1"] },
      { memberId: "C0", topics: ["t0", "t1"] },
    ];
    expect(named(rangeAssign(members, counts({ t0: 3, t1: 3 })))).toEqual({
      C0: ["t0p0", "t0p1", "t1p0", "t1p1"],
      C1: ["t0p2", "t1p2"],
    });
  });

  it("seven partitions over three consumers: 3, 2, 2 in member-id order", () => {
    const members = ["c", "a", "b"].map((memberId) => ({ memberId, topics: ["orders"] }));
    expect(named(rangeAssign(members, counts({ orders: 7 })))).toEqual({
      a: ["ordersp0", "ordersp1", "ordersp2"],
      b: ["ordersp3", "ordersp4"],
      c: ["ordersp5", "ordersp6"],
    });
  });

  it("more consumers than partitions: the last ones get nothing", () => {
    const members = ["m0", "m1", "m2"].map((memberId) => ({ memberId, topics: ["orders"] }));
    expect(named(rangeAssign(members, counts({ orders: 2 })))).toEqual({
      m0: ["ordersp0"],
      m1: ["ordersp1"],
      m2: [],
    });
  });
});

describe("RoundRobinAssignor (Kafka's javadoc examples)", () => {
  it("two consumers, two topics of three partitions are dealt alternately", () => {
    const members: AssignorMember[] = [
      { memberId: "C0", topics: ["t0", "t1"] },
      { memberId: "C1", topics: ["t0", "t1"] },
    ];
    expect(named(roundRobinAssign(members, counts({ t0: 3, t1: 3 })))).toEqual({
      C0: ["t0p0", "t0p2", "t1p1"],
      C1: ["t0p1", "t1p0", "t1p2"],
    });
  });

  it("unequal subscriptions skip members not subscribed to the topic", () => {
    const members: AssignorMember[] = [
      { memberId: "C2", topics: ["t0", "t1", "t2"] },
      { memberId: "C0", topics: ["t0"] },
      { memberId: "C1", topics: ["t0", "t1"] },
    ];
    expect(named(roundRobinAssign(members, counts({ t0: 1, t1: 2, t2: 3 })))).toEqual({
      C2: ["t1p1", "t2p0", "t2p1", "t2p2"],
      C0: ["t0p0"],
      C1: ["t1p0"],
    });
  });
});
