# Evaluates MonacaCloudError.podspec inside the pod folder that scripts/package.sh makes, with a
# stand-in for CocoaPods' Pod::Spec that records every attribute (CocoaPods itself is not on
# this machine), and checks what `pod lib lint` would need from the files:
#   - the version is Cargo.toml's, the source a zip of that version on the homepage's releases
#   - every path the spec names is in the folder: the licence file, the vendored XCFramework,
#     the Swift sources (and they are the wrapper's files, all of them)
#   - the deployment target is the XCFramework's minimum iOS (13.0), the XCFramework is linked
#     statically, a Swift version is declared
# An attribute the stand-in does not know fails the run, so a misspelled one shows.
#
# Usage: ruby check-podspec.rb POD_DIR VERSION SWIFT_SOURCES_DIR
# Prints one line per check; exits 1 when any fails.

module Pod
  class Platform
    attr_accessor :deployment_target
  end

  class Spec
    KNOWN = %w[name version summary description homepage license author source swift_versions
               source_files vendored_frameworks static_framework].freeze
    attr_reader :attributes, :ios

    def initialize
      @attributes = {}
      @ios = Platform.new
      yield self
    end

    def method_missing(name, *args)
      key = name.to_s.delete_suffix('=')
      raise NoMethodError, "unknown podspec attribute #{key}" unless KNOWN.include?(key)
      return @attributes[key] unless name.to_s.end_with?('=') # a getter, as in "#{s.version}"

      @attributes[key] = args.first
    end

    def respond_to_missing?(name, include_private = false)
      KNOWN.include?(name.to_s.delete_suffix('=')) || super
    end
  end
end

pod_dir, version, swift_dir = ARGV
pod_dir = File.expand_path(pod_dir) if pod_dir
abort 'usage: ruby check-podspec.rb POD_DIR VERSION SWIFT_SOURCES_DIR' unless pod_dir && version && swift_dir
path = File.join(pod_dir, 'MonacaCloudError.podspec')
spec = Dir.chdir(pod_dir) { eval(File.read(path), binding, path) } # rubocop:disable Security/Eval
a = spec.attributes
passed = 0
failed = 0
check = lambda do |label, ok, why = ''|
  if ok
    passed += 1
    puts "ok: #{label}"
  else
    failed += 1
    puts "FAIL: #{label}#{why.empty? ? '' : " (#{why})"}"
  end
end

check.call("name MonacaCloudError, version #{version}", a['name'] == 'MonacaCloudError' && a['version'] == version,
           "#{a['name']} #{a['version']}")
source = a['source'].is_a?(Hash) ? a['source'][:http].to_s : ''
check.call('source: the release zip of this version',
           source == "#{a['homepage']}/releases/download/v#{version}/MonacaCloudError-#{version}-ios.zip", source)
license = a['license'].is_a?(Hash) ? a['license'] : {}
check.call('licence MIT, its file in the pod', license[:type] == 'MIT' &&
           File.file?(File.join(pod_dir, license[:file].to_s)) &&
           File.read(File.join(pod_dir, license[:file].to_s)).start_with?('MIT License'))
framework = File.join(pod_dir, a['vendored_frameworks'].to_s)
check.call("vendored #{a['vendored_frameworks']} is in the pod, with its Info.plist",
           File.file?(File.join(framework, 'Info.plist')))
sources = Dir.glob(File.join(pod_dir, a['source_files'].to_s)).map { |f| File.basename(f) }.sort
expected = Dir.glob(File.join(swift_dir, '*.swift')).map { |f| File.basename(f) }.sort
check.call("source_files #{a['source_files']} match the wrapper's #{expected.size} files",
           !sources.empty? && sources == expected, "#{sources} vs #{expected}")
same = expected.all? do |f|
  File.read(File.join(pod_dir, 'Sources/MonacaCloudError', f)) == File.read(File.join(swift_dir, f))
end
check.call('the Swift sources are the wrapper\'s, byte for byte', same)
check.call('deployment target iOS 13.0 (the XCFramework\'s minimum)', spec.ios.deployment_target == '13.0',
           spec.ios.deployment_target.to_s)
check.call('a static framework, Swift versions declared', a['static_framework'] == true &&
           Array(a['swift_versions']).any?)
puts "check-podspec: #{passed} passed, #{failed} failed"
exit(failed.zero? ? 0 : 1)
