import { describe, expect, it } from 'vitest'
import { ErrorCode, KAFKA_ERRORS, errorInfo, errorName, isRetriable } from '../../../src/broker/protocol/error-codes.js'

describe('error codes', () => {
  it('covers every code from -1 to 90 exactly once, in order', () => {
    expect(KAFKA_ERRORS.map((e) => e.code)).toEqual(Array.from({ length: 92 }, (_, i) => i - 1))
  })

  it('names the codes protocol.md relies on', () => {
    expect(ErrorCode.NONE).toBe(0)
    expect(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).toBe(3)
    expect(ErrorCode.UNSUPPORTED_VERSION).toBe(35)
    expect(ErrorCode.INVALID_REQUEST).toBe(42)
    expect(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT).toBe(43)
    expect(ErrorCode.MEMBER_ID_REQUIRED).toBe(79)
    expect(ErrorCode.INVALID_RECORD).toBe(87)
    expect(ErrorCode.PRODUCER_FENCED).toBe(90)
  })

  it('marks retriability like Kafka', () => {
    expect(isRetriable(ErrorCode.NOT_COORDINATOR)).toBe(true)
    expect(isRetriable(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS)).toBe(true)
    expect(isRetriable(ErrorCode.CORRUPT_MESSAGE)).toBe(true)
    expect(isRetriable(ErrorCode.REBALANCE_IN_PROGRESS)).toBe(false)
    expect(isRetriable(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)).toBe(false)
    expect(isRetriable(12345)).toBe(false)
  })

  it('looks up rows and names, with a fallback name for unknown codes', () => {
    expect(errorInfo(16)).toMatchObject({ name: 'NOT_COORDINATOR', message: 'This is not the correct coordinator.' })
    expect(errorName(27)).toBe('REBALANCE_IN_PROGRESS')
    expect(errorName(500)).toBe('UNKNOWN(500)')
    expect(errorInfo(500)).toBeUndefined()
  })

  it('has a message for every error except NONE', () => {
    for (const e of KAFKA_ERRORS) expect(e.message.length > 0).toBe(e.code !== 0)
  })
})
