/** View bundle `views-widgets.js`: the widgets beyond the everyday inputs of docsync.js. */

import { AutocompleteInputView } from "../views/autocomplete.js";
import { CheckButtonGroupView } from "../views/check_button_group.js";
import { ColorPickerView } from "../views/color_picker.js";
import { DatePickerView } from "../views/date_picker.js";
import { DateRangeSliderView, DateSliderView } from "../views/date_slider.js";
import { DiscreteSliderView } from "../views/discrete_slider.js";
import { EditableSliderView } from "../views/editable_slider.js";
import { FileInputView } from "../views/file_input.js";
import { LiteralInputView } from "../views/literal_input.js";
import { MenuButtonView } from "../views/menu_button.js";
import { MultiChoiceView } from "../views/multi_choice.js";
import { PlayerView } from "../views/player.js";
import { RadioBoxGroupView } from "../views/radio_box_group.js";
import { RangeSliderView } from "../views/range_slider.js";
import { StaticTextView } from "../views/static_text.js";
import { SwitchView } from "../views/switch.js";
import { DatetimePickerView, TimePickerView } from "../views/time_pickers.js";

export const VIEWS = {
  IntRangeSlider: RangeSliderView,
  RangeSlider: RangeSliderView,
  DatePicker: DatePickerView,
  ColorPicker: ColorPickerView,
  FileInput: FileInputView,
  Switch: SwitchView,
  StaticText: StaticTextView,
  DiscreteSlider: DiscreteSliderView,
  EditableIntSlider: EditableSliderView,
  EditableFloatSlider: EditableSliderView,
  DateSlider: DateSliderView,
  DateRangeSlider: DateRangeSliderView,
  DatetimePicker: DatetimePickerView,
  TimePicker: TimePickerView,
  AutocompleteInput: AutocompleteInputView,
  MultiChoice: MultiChoiceView,
  CheckButtonGroup: CheckButtonGroupView,
  RadioBoxGroup: RadioBoxGroupView,
  MenuButton: MenuButtonView,
  Player: PlayerView,
  DiscretePlayer: PlayerView,
  LiteralInput: LiteralInputView,
};
