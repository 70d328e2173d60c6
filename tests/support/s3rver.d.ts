/** The few parts of s3rver (a local S3 stand-in, no types of its own) the tests use. */
declare module 's3rver' {
  export default class S3rver {
    constructor(options: {
      port?: number
      address?: string
      silent?: boolean
      directory: string
      configureBuckets?: Array<{ name: string }>
    })
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
