import { StreamsError } from '../../../processor-api/errors.js'

/** Group user data (subscription or assignment) could not be decoded. */
export class AssignmentCodecError extends StreamsError {
  /** Which user data was bad. */
  readonly what: 'subscription' | 'assignment'

  constructor(what: 'subscription' | 'assignment', reason: string, options: { cause?: unknown } = {}) {
    super('KS_ERR_ASSIGNMENT_CODEC', `Cannot decode streams ${what} user data: ${reason}`, options)
    this.what = what
  }
}
