/* cli_keygen.c: `passage keygen`, a new random server key in hex, for secret_key_file. */
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "security/security.h"

int cli_keygen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	uint8_t key[SEC_KEY_BYTES];
	char hex[2 * SEC_KEY_BYTES + 1];
	if (sec_random(key, sizeof(key)) != 0)
		return 1;
	sec_hex(key, sizeof(key), hex);
	printf("%s\n", hex);
	return 0;
}
