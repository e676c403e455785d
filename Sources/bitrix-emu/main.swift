print("bitrix-emu")
