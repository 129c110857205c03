/**
 * The name Kafka's test topics print for a serializer or deserializer (its Java class's simple
 * name, e.g. `StringSerializer`). A tributary serde is a class (`StringSerde`) whose serializer is
 * a plain object, so the name is derived from the serde's class when a serde was given.
 */
export function serdeLabel(given: object, role: 'Serializer' | 'Deserializer'): string {
  const className = given.constructor?.name ?? ''
  if (className === '' || className === 'Object' || className === 'Function') return role
  if (className.endsWith('Serde')) return `${className.slice(0, -'Serde'.length)}${role}`
  return className
}
