"""Record formats: a cassette file's bytes -> `CassetteFile` of `RawInteraction`s.

Kept empty on purpose: the app imports `formats.file_bytes`, `formats.scan` and
`formats.sizes` at start-up, before the decoders (and PyYAML) are needed, so importing this
package must cost nothing. Loading lives in `formats.load`.
"""
