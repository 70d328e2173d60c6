// One closing line over every test report that this run wrote.
import fs from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
const dir = 'test-reports'
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : []
for (const file of files) {
  const report = JSON.parse(fs.readFileSync(`${dir}/${file}`, 'utf8'))
  const counts =
    report.stats && 'expected' in report.stats
      ? {
          passed: report.stats.expected + report.stats.flaky,
          failed: report.stats.unexpected,
          skipped: report.stats.skipped,
        }
      : {
          passed: report.numPassedTests ?? 0,
          failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
          skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
        }
  passed += counts.passed
  failed += counts.failed
  skipped += counts.skipped
  console.log(
    `${file}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  )
}
if (files.length === 0) failed = 1
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
