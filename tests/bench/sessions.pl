#!/usr/bin/perl
# sessions.pl KEYFILE N: N random session tokens for the benchmark, one line each:
#   <raw token in hex> <token as the cookie carries it> <the session's CSRF token>
# computed as the app does (security/crypto.c): token = base64url(raw), the database keeps SHA-256(raw),
# CSRF = base64url(mask . (mac XOR mask)), mac = HMAC-SHA256(server key, "csrf\0" . SHA-256(raw)), with a
# random 32-byte mask as each page has its own.
use strict;
use warnings;
use Digest::SHA qw(sha256 hmac_sha256);
use MIME::Base64 qw(encode_base64);

my ($keyfile, $n) = @ARGV;
open(my $kf, '<', $keyfile) or die "$keyfile: $!";
my $hex = do { local $/; <$kf> };
$hex =~ s/\s+//g;
my $key = pack('H*', $hex);
open(my $rnd, '<:raw', '/dev/urandom') or die "/dev/urandom: $!";
sub b64url { my $s = encode_base64($_[0], ''); $s =~ tr{+/}{-_}; $s =~ s/=+$//; return $s; }
for (1 .. $n) {
	read($rnd, my $raw, 32) == 32 or die "short read";
	my $mac = hmac_sha256("csrf\0" . sha256($raw), $key);
	read($rnd, my $mask, 32) == 32 or die "short read";
	print unpack('H*', $raw), ' ', b64url($raw), ' ', b64url($mask . ($mac ^ $mask)), "\n";
}
