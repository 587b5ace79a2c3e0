/**
 * The voice note the overview page's client sends: one second of a quiet 440 Hz tone as OGG/Opus, the
 * format WhatsApp records, small enough to embed in the page. Made once with
 * `ffmpeg -f lavfi -i "sine=frequency=440:duration=1:sample_rate=48000" -af volume=0.3 -ac 1 -c:a libopus
 * -b:a 6k -application voip -map_metadata -1 -fflags +bitexact -flags:a +bitexact voice.ogg`.
 */
export const VOICE_NOTE = {
  kind: 'audio',
  mimetype: 'audio/ogg; codecs=opus',
  base64: 'T2dnUwACAAAAAAAAAAAAAAAAAAAAAAIotXIBE09wdXNIZWFkAQE4AYC7AAAAAABPZ2dTAAAAAAAAAAAAAAAAAAABAAAASZW+VAEuT3B1c1RhZ3MGAAAAZmZtcGVnAQAAABQAAABlbmNvZGVyPUxhdmMgbGlib3B1c09nZ1MAAIC7AAAAAAAAAAAAAAIAAACHxQieMg4WDxAPDwwPDg4MDg0NDgwNCwwOCw8NCw8LDQwLDQwODAoOCw8MDQ0LDgoNDgoOCg0NCIIBNEVFWIlSlpgiD9AInNcH/y/8jzPl9oN5rX6MGqzgItveCJsna+NOWnfwVIhMIdVwCJsna+NOWngPg2VTC0JbJAibJ2vjTR0InH9S5AZ2cAibLPyxLwGquxjXrgob0wibJ2vjTlp4D23A8AibI9oEARkEOah6UlB9gAibJ2vjTlp4D4NdtKG/CJsna+NOWnf1sPARgYAImyz8sS8BqrsbOwYImq8r405ad/BTqEXegAiaryvjTlp4D23EHKAImq8r405aeEv/K+FQCJqvK+NOWnf1sWq6rTAIMU5uReWwFnHv1mAIMWJ2NxLX64ioMdzlCDM3LkXlw5p20+AIMzcuReWwRpQPXeAIMYrH3tLn64J/zZQEYAgyldpWYaSwIrziCDFidjcS1+5iNvX8jfrACDM3LkXlw6UAXnBKgAgzNy5F5bASKrjECDGKx97S5+5HMlJiDIeACDKV2lZhlfJwuOUIMWJ2NxLXpXRNrhagCDM3LkXlw7p9LRxACDM3LkXlsECrtOIIMYrH3tLnpxg0oZzOCDKV2lZhlfFj+T6QCDFidjcSzTgpjCLSLbAIMzcuReXDpNCckycIMzcuReXDjv8gCDGKx97S6AMgX9MM5FAIMpXaVmGksCnZPggxYnY3Es1sOQv1a0CeKggzNy5F5cOk2ya1oAgzNy5F5bBRxXPaenwIMYrH3tLnoNpfN+WICDKV2lZhlfHvPMUIMWJ2NxLX7j5z+ZpS6AgzNy5F5cOY3vUIMzcuReWxLDQCLRGQCDGKx97S6AMgX9MM5FAIMpXaVmGkpPXYCDFidjcS16MA8mtZ0aAIMzcuReWwNW9rCDM3LkXlsFIoThGUkAgxisfe0uegfH1aTPhPZ2dTAAS4vAAAAAAAAAAAAAADAAAAVgxl+gEQCIIt2QdfwT6+fjIRdnRIkA==',
} as const;
