# CocoaPods spec of the Swift wrapper with its C library (CMonacaCloudError.xcframework).
#
# The pod's source is the zip that scripts/package.sh makes (target/package/
# MonacaCloudError-<version>-ios.zip): this file, LICENSE, CMonacaCloudError.xcframework and
# Sources/MonacaCloudError/*.swift. Published, it is the release asset named below; before that,
# point a Podfile at the unzipped folder beside it:
#     pod 'MonacaCloudError', :path => '<repo>/target/package/MonacaCloudError-0.1.0-ios'
# The version is Cargo.toml's (tests/generated.rs checks it).
Pod::Spec.new do |s|
  s.name              = 'MonacaCloudError'
  s.version           = '0.1.0'
  s.summary           = 'Monaca Backend (Monaca.cloud JSON-RPC) responses read by a native library, with Monaca.cloud.Error semantics.'
  s.description       = <<-DESC
    Swift wrapper over the monaca-cloud-error C library: reads a Monaca Backend exchange
    (HTTP status and body) as Monaca's JavaScript SDK does, into an immutable error value with
    code, message, kind, name, raw data and per-parameter messages; writes request bodies.
  DESC
  s.homepage          = 'https://github.com/cloudrpc/monaca-cloud-error'
  s.license           = { :type => 'MIT', :file => 'LICENSE' }
  s.author            = 'The monaca-cloud-error authors'
  s.source            = { :http => "https://github.com/cloudrpc/monaca-cloud-error/releases/download/v#{s.version}/MonacaCloudError-#{s.version}-ios.zip" }
  s.ios.deployment_target = '13.0'
  s.swift_versions    = ['5.9']
  s.source_files      = 'Sources/MonacaCloudError/*.swift'
  # A static library: linked into the app, never embedded.
  s.vendored_frameworks = 'CMonacaCloudError.xcframework'
  s.static_framework  = true
end
