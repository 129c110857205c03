import { describe, expect, it } from 'vitest'
import { assignTasks, type ClientState } from '../../../src/runtime/assignment/index.js'

function client(id: string, opts: { active?: string[]; standby?: string[]; sums?: Record<string, number> } = {}): ClientState {
  return {
    id,
    prevActiveTasks: new Set(opts.active ?? []),
    prevStandbyTasks: new Set(opts.standby ?? []),
    taskOffsetSums: new Map(Object.entries(opts.sums ?? {})),
  }
}

const tasks = (n: number, sub = 0): string[] => Array.from({ length: n }, (_, p) => `${sub}_${p}`)

describe('assignTasks', () => {
  it('balances tasks so every client gets floor or ceil of tasks/clients', () => {
    const out = assignTasks({ tasks: tasks(10), statefulTasks: new Set(), clients: [client('a'), client('b'), client('c')], numStandbyReplicas: 0 })
    const counts = [...out.values()].map((a) => a.active.length).sort()
    expect(counts).toEqual([3, 3, 4])
    const all = [...out.values()].flatMap((a) => a.active).sort()
    expect(all).toEqual(tasks(10).sort())
  })

  it('keeps tasks on their previous owners when that stays balanced', () => {
    const out = assignTasks({
      tasks: tasks(4),
      statefulTasks: new Set(),
      clients: [client('a', { active: ['0_1', '0_3'] }), client('b', { active: ['0_0', '0_2'] })],
      numStandbyReplicas: 0,
    })
    expect(out.get('a')!.active).toEqual(['0_1', '0_3'])
    expect(out.get('b')!.active).toEqual(['0_0', '0_2'])
  })

  it('moves only the tasks needed for balance when a third client joins', () => {
    const out = assignTasks({
      tasks: tasks(4),
      statefulTasks: new Set(),
      clients: [client('a', { active: ['0_0', '0_1'] }), client('b', { active: ['0_2', '0_3'] }), client('c')],
      numStandbyReplicas: 0,
    })
    expect(out.get('c')!.active).toHaveLength(1)
    const kept = [...out.get('a')!.active, ...out.get('b')!.active]
    expect(kept).toHaveLength(3)
    for (const t of out.get('a')!.active) expect(['0_0', '0_1']).toContain(t)
    for (const t of out.get('b')!.active) expect(['0_2', '0_3']).toContain(t)
  })

  it('gives an orphaned task to the client holding the most caught-up state', () => {
    const out = assignTasks({
      tasks: ['0_0', '0_1'],
      statefulTasks: new Set(['0_0', '0_1']),
      clients: [client('a', { sums: { '0_1': 10 } }), client('b', { sums: { '0_1': 500 } })],
      numStandbyReplicas: 0,
    })
    expect(out.get('b')!.active).toContain('0_1')
    expect(out.get('a')!.active).toEqual(['0_0'])
  })

  it('prefers a previous standby for a task whose active owner left', () => {
    const out = assignTasks({
      tasks: ['0_0', '0_1', '0_2', '0_3'],
      statefulTasks: new Set(['0_0', '0_1', '0_2', '0_3']),
      clients: [client('b', { active: ['0_2'], standby: ['0_0'] }), client('c', { standby: ['0_1'] })],
      numStandbyReplicas: 0,
    })
    expect(out.get('b')!.active).toEqual(['0_0', '0_2'])
    expect(out.get('c')!.active).toEqual(['0_1', '0_3'])
  })

  it('places standbys of stateful tasks on other clients and never with the active copy', () => {
    const out = assignTasks({
      tasks: tasks(4),
      statefulTasks: new Set(tasks(4)),
      clients: [client('a'), client('b'), client('c')],
      numStandbyReplicas: 1,
    })
    for (const [, a] of out) for (const t of a.standby) expect(a.active).not.toContain(t)
    const standbys = [...out.values()].flatMap((a) => a.standby).sort()
    expect(standbys).toEqual(tasks(4).sort())
    const loads = [...out.values()].map((a) => a.active.length + a.standby.length)
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1)
  })

  it('gives stateless tasks no standbys and caps replicas at the number of other clients', () => {
    const out = assignTasks({
      tasks: ['0_0', '1_0'],
      statefulTasks: new Set(['1_0']),
      clients: [client('a'), client('b')],
      numStandbyReplicas: 3,
    })
    const standbys = [...out.values()].flatMap((a) => a.standby)
    expect(standbys).toEqual(['1_0'])
  })

  it('keeps standbys sticky to the client that already has the state', () => {
    const out = assignTasks({
      tasks: ['0_0', '0_1'],
      statefulTasks: new Set(['0_0', '0_1']),
      clients: [client('a', { active: ['0_0'], standby: ['0_1'] }), client('b', { active: ['0_1'], standby: ['0_0'] }), client('c')],
      numStandbyReplicas: 1,
    })
    expect(out.get('a')!.standby).toEqual(['0_1'])
    expect(out.get('b')!.standby).toEqual(['0_0'])
  })

  it('lets an over-quota owner give up the tasks another client already holds state for', () => {
    const out = assignTasks({
      tasks: ['1_0', '1_1', '1_2', '1_3'],
      statefulTasks: new Set(['1_0', '1_1', '1_2', '1_3']),
      clients: [client('a', { sums: { '1_0': 50, '1_1': 70, '1_2': 0, '1_3': 0 } }), client('b', { active: ['1_0', '1_1', '1_2', '1_3'] })],
      numStandbyReplicas: 0,
    })
    expect(out.get('a')!.active).toEqual(['1_0', '1_1'])
    expect(out.get('b')!.active).toEqual(['1_2', '1_3'])
  })

  it('spreads stateful tasks evenly before balancing the stateless ones', () => {
    const all = [...tasks(4, 0), ...tasks(4, 1)]
    const out = assignTasks({
      tasks: all,
      statefulTasks: new Set(tasks(4, 1)),
      clients: [client('a', { active: all }), client('b')],
      numStandbyReplicas: 0,
    })
    for (const id of ['a', 'b']) {
      const active = out.get(id)!.active
      expect(active).toHaveLength(4)
      expect(active.filter((t) => t.startsWith('1_'))).toHaveLength(2)
    }
    expect(out.get('a')!.active).toEqual(['0_0', '0_1', '1_0', '1_1'])
  })

  it('is deterministic whatever the order of clients', () => {
    const input = (order: ClientState[]) => assignTasks({ tasks: tasks(7), statefulTasks: new Set(tasks(7)), clients: order, numStandbyReplicas: 1 })
    const cs = [client('x'), client('y', { active: ['0_3'] }), client('z', { sums: { '0_5': 3 } })]
    expect(input(cs)).toEqual(input([...cs].reverse()))
  })
})
